using System.Net;
using Conformance.ReportService.Pages;
using Conformance.ReportService.Storage;
using Conformance.ReportService.Tests.Infrastructure;
using Conformance.ReportSite;
using Conformance.Suite.Catalogue;

namespace Conformance.ReportService.Tests;

/// <summary>The HTML pages: the static site's templates, with provenance, a script-free CSP and every string encoded.</summary>
[NonParallelizable]
public sealed class PageTests
{
    private const string Hostile = "<script>alert(1)</script>";

    private ServiceHarness _service = null!;
    private string _first = null!;
    private string _second = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _service = await ServiceHarness.StartAsync(StoreKind.Sqlite);
        _first = await _service.PublishAsync(Samples.Report(Hostile, "1.0", observed: Hostile));
        _second = await _service.PublishAsync(Samples.Report(Hostile, "2.0", observed: Hostile));
        await _service.PublishAsync(Samples.Report("ws", "8.18.0"));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }

    [Test]
    public async Task A_run_page_shows_its_provenance()
    {
        var (response, html) = await _service.PageAsync($"runs/{_first}");

        Assert.That(response.RequestMessage!.RequestUri!.AbsolutePath, Does.StartWith($"/sites/run-{_first}/targets/").And.EndWith("/index.html"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("<dt>Uploaded with token</dt>\n<dd>uploader</dd>"));
            Assert.That(html, Does.Contain("<dt>Released catalogue</dt>\n<dd>unknown: this service has no catalogue to check against</dd>"));
            Assert.That(html, Does.Contain("<dt>Tool</dt>\n<dd>conformance 0.1.0</dd>"));
            Assert.That(html, Does.Contain($"<dt>Catalogue</dt>\n<dd>2026.11.2 ({SampleResults.CatalogueHash})</dd>"));
        }
    }

    [TestCase(SampleResults.CatalogueHash, "yes: the hash matches catalogue 2026.11.2")]
    [TestCase("sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "no: the hash matches no catalogue this service knows (it ships 2026.11.2)")]
    public void Provenance_says_whether_the_run_used_the_released_catalogue(string hash, string expected)
    {
        var run = new RunSummary
        {
            Id = "ab", Implementation = "ws", CatalogueVersion = "2026.11.2", CatalogueHash = hash, Tool = "conformance 0.1.0", UploadedBy = "ci",
            UploadedAt = DateTimeOffset.UnixEpoch, Verdicts = new VerdictCounts(1, 0, 0, 0, 0, 0),
        };
        var options = new ReportServiceOptions { Catalogue = new CatalogueSet("2026.11.2", SampleResults.CatalogueHash, []) };

        var facts = SitePages.Provenance(run, options).ToDictionary(f => f.Key, f => f.Value);

        Assert.That(facts["Released catalogue"], Is.EqualTo(expected));
        Assert.That(facts["Uploaded with token"], Is.EqualTo("ci"));
    }

    [TestCase("")]
    [TestCase("implementations/{hostile}")]
    [TestCase("runs/{first}")]
    [TestCase("compare/{first}/{second}")]
    public async Task Every_page_has_a_CSP_without_script_and_encodes_uploaded_strings(string path)
    {
        var (response, html) = await _service.PageAsync(path.Replace("{hostile}", Uri.EscapeDataString(Hostile), StringComparison.Ordinal)
            .Replace("{first}", _first, StringComparison.Ordinal).Replace("{second}", _second, StringComparison.Ordinal));

        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(SiteWriter.ContentSecurityPolicy));
        Assert.That(SiteWriter.ContentSecurityPolicy, Does.Contain("script-src 'none'").And.Not.Contain("unsafe-inline"));
        Assert.That(html, Does.Not.Contain(Hostile));
        Assert.That(html, Does.Contain("&lt;script&gt;"));
    }

    [Test]
    public async Task The_home_page_shows_each_implementations_newest_run()
    {
        var (_, html) = await _service.PageAsync("");

        Assert.That(html, Does.Contain("ws 8.18.0").And.Contain("2.0").And.Not.Contain("1.0 ("));
    }

    [Test]
    public async Task A_deleted_run_has_no_page()
    {
        var doomed = await _service.PublishAsync(Samples.Report("doomed"));
        var (before, _) = await _service.PageAsync($"runs/{doomed}");
        using var deleted = await _service.SendAsync(HttpMethod.Delete, $"api/v1/runs/{doomed}", token: "admin");

        using var after = await _service.Client.GetAsync($"runs/{doomed}");
        using var cached = await _service.Client.GetAsync(before.RequestMessage!.RequestUri);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(cached.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("runs/not-hex")]
    [TestCase("runs/0123456789abcdef")]
    [TestCase("compare/0123456789abcdef/fedcba9876543210")]
    [TestCase("implementations/nobody")]
    [TestCase("sites/../reports.db")]
    public async Task An_unknown_page_is_404(string path)
    {
        using var response = await _service.Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
