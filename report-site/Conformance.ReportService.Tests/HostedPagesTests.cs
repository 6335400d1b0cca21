using System.Net;
using Conformance.ReportService.Pages;
using Conformance.ReportService.Tests.Infrastructure;
using Conformance.Suite.Results;

namespace Conformance.ReportService.Tests;

/// <summary>
/// What the service adds around the static site's pages: the way from home to an implementation's history, from a
/// run to the changes since the one before, the catalogue on its own, and rendered pages kept within their budget.
/// </summary>
[NonParallelizable]
public sealed class HostedPagesTests
{
    [Test]
    public async Task An_implementations_history_shows_its_runs_oldest_first_and_the_changes_between_them()
    {
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite);
        var older = await service.PublishAsync(Samples.Report("hist-ws", "1.0", reservedOpcode: Verdict.Pass));
        var newer = await service.PublishAsync(Samples.Report("hist-ws", "2.0", reservedOpcode: Verdict.Fail));

        var (_, home) = await service.PageAsync("");
        var (historyPage, history) = await service.PageAsync("implementations/hist-ws");
        var (_, changes) = await service.PageAsync(new Uri(historyPage.RequestMessage!.RequestUri!, Link(history, "compare-")).ToString());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(home, Does.Contain("<a class=\"aside\" href=\"/implementations/hist-ws\">History of hist-ws</a>"));
            Assert.That(history, Does.Contain("<h1>History of hist-ws: 2 runs</h1>"));
            Assert.That(history.IndexOf("hist-ws 1.0", StringComparison.Ordinal), Is.LessThan(history.IndexOf("hist-ws 2.0", StringComparison.Ordinal)));
            Assert.That(history, Does.Contain("hist-ws 1.0 &#x2192; hist-ws 2.0"));
            Assert.That(Section(changes, "regressions"), Does.Contain("ws.frame.reserved-opcode"));
        }

        var (_, page) = await service.PageAsync($"runs/{newer}");
        var (_, first) = await service.PageAsync($"runs/{older}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(page, Does.Contain($"<a href=\"/compare/{older}/{newer}\">Changes since the previous run of hist-ws</a>"));
            Assert.That(page, Does.Contain("<a href=\"/implementations/hist-ws\">History of hist-ws</a>"));
            Assert.That(first, Does.Not.Contain("Changes since the previous run"), "the first run has no previous one");
        }
    }

    [Test]
    public async Task A_history_names_how_many_of_the_runs_it_shows()
    {
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite);
        for (var i = 0; i < SitePages.HistoryRuns + 2; i++)
        {
            await service.PublishAsync(Samples.Report("many", $"1.{i}"));
        }

        var (_, history) = await service.PageAsync("implementations/many");

        Assert.That(history, Does.Contain($"<h1>History of many: the newest {SitePages.HistoryRuns} of {SitePages.HistoryRuns + 2} runs</h1>"));
        Assert.That(history, Does.Not.Contain(">many 1.0<").And.Not.Contain(">many 1.1<").And.Contain(">many 1.2<").And.Contain(">many 1.11<"));
    }

    [TestCase("")]
    [TestCase("implementations/ws")]
    [TestCase("runs/{run}")]
    [TestCase("catalogue")]
    public async Task Every_page_leads_back_to_the_service_home(string path)
    {
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite, CatalogueOptions());
        var run = await service.PublishAsync(Samples.Report());

        var (_, html) = await service.PageAsync(path.Replace("{run}", run, StringComparison.Ordinal));

        Assert.That(html, Does.Contain("<li><a href=\"/\">All implementations</a></li>"));
    }

    [Test]
    public async Task The_catalogue_is_a_page_of_its_own_before_any_upload()
    {
        var options = CatalogueOptions();
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite, options);

        var (response, html) = await service.PageAsync("catalogue");

        Assert.That(response.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/sites/catalogue/catalogue.html"));
        Assert.That(html, Does.Contain(options.Catalogue!.Version));
        Assert.That(options.Catalogue.Cases.Select(c => c.Id).Where(id => !html.Contains(id, StringComparison.Ordinal)), Is.Empty, "every case of the catalogue is listed");
        var (_, clauses) = await service.PageAsync("sites/catalogue/clauses.html");
        Assert.That(clauses, Does.Contain("id=\"clause-rfc6455-5.2\"").And.Contain("ws.frame.rsv1-on-text-bytewise"));
        using var home = await service.Client.GetAsync("");
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await home.Content.ReadAsStringAsync(), Does.Contain("No run has been uploaded yet").And.Contain("The catalogue is at /catalogue."));
    }

    [Test]
    public async Task Without_a_catalogue_the_catalogue_page_is_404()
    {
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite);

        using var response = await service.Client.GetAsync("catalogue");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Rendered_pages_stay_within_their_budget_and_a_dropped_run_page_comes_back()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite, new ReportServiceOptions { UploadsPerWindow = 1000, PageCacheBytes = 1, Clock = clock });
        var first = await service.PublishAsync(Samples.Report("ws", "1.0"));
        var second = await service.PublishAsync(Samples.Report("ws", "2.0"));
        var pages = Path.Combine(service.Store.DataDirectory, "pages");

        var (firstPage, _) = await service.PageAsync($"runs/{first}");
        var firstCase = new Uri(firstPage.RequestMessage!.RequestUri!, "ws.frame.reserved-opcode.html");
        await service.PageAsync(firstCase.ToString());
        await service.PageAsync($"runs/{second}");
        var withinGrace = Sites(pages);
        clock.Advance(PageCache.Grace + TimeSpan.FromSeconds(1));
        await service.PageAsync($"compare/{first}/{second}");
        var afterGrace = Sites(pages);
        var (restored, html) = await service.PageAsync(firstCase.ToString());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withinGrace, Is.EquivalentTo(new[] { $"run-{first}", $"run-{second}" }), "a site used within the grace period stays, over budget or not");
            Assert.That(afterGrace, Is.EquivalentTo(new[] { $"cmp-{first}-{second}" }), "past the grace period the budget drops the least recently used sites");
            Assert.That(restored.RequestMessage!.RequestUri, Is.EqualTo(firstCase), "the address of a dropped run's case page still answers");
            Assert.That(html, Does.Contain("ws.frame.reserved-opcode"));
            Assert.That(Sites(pages), Does.Contain($"run-{first}"));
        }
    }

    private static ReportServiceOptions CatalogueOptions() => new()
    {
        UploadsPerWindow = 1000,
        Catalogue = Repository.Catalogue,
    };

    private static string[] Sites(string pages) => Directory.EnumerateDirectories(pages).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    private static string Link(string html, string prefix)
    {
        var start = html.IndexOf($"href=\"{prefix}", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"a link starting {prefix}");
        start += "href=\"".Length;
        return html[start..html.IndexOf('"', start)];
    }

    // The part of a diff page from the group's heading to the next one.
    private static string Section(string html, string anchor)
    {
        var start = html.IndexOf($"id=\"{anchor}-h\"", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), $"the diff page has a {anchor} group");
        var end = html.IndexOf("<h2", start, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
