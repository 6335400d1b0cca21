using System.Text.RegularExpressions;
using Conformance.ReportSite.Tests.Fixtures;
using Conformance.ReportSite.Tests.Infrastructure;
using Conformance.ReportSite.Writing;
using Conformance.Suite.Execution;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Results;

namespace Conformance.ReportSite.Tests.Browsing;

/// <summary>
/// Runs real cases against a server that says hostile things, adds forged results that carry them in every field,
/// writes the site and opens every page in Chromium: nothing may run, load, open or be written anywhere else,
/// and every hostile string must be shown as the text it is.
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed partial class HostileTargetTests
{
    // Five cases of each area the hostile server can say something in.
    private static readonly string[] CaseIds =
    [
        "ws.handshake.valid-upgrade", "ws.handshake.missing-key", "ws.handshake.version-8", "ws.handshake.subprotocol-list", "ws.handshake.subprotocol-none-offered",
        "ws.frame.rsv1-on-text", "ws.frame.opcode-3", "ws.frame.opcode-11", "ws.frame.rsv2-on-binary", "ws.frame.all-rsv-on-close",
        "ws.close.normal-closure", "ws.close.code-and-reason", "ws.close.payload-1-byte", "ws.close.reason-invalid-utf8", "ws.close.text-after-close",
        "ws.utf8.empty-message", "ws.utf8.valid-multibyte-one-frame", "ws.utf8.invalid-surrogate-one-frame", "ws.utf8.fail-fast-inside-one-frame", "ws.utf8.valid-sample-1",
    ];

    // Where a path escape in an id would land if it were used as a file name.
    private static readonly string[] Escapes = ["/tmp/pwned", "/tmp/pwned.html", "/tmp/evil", "/tmp/evil.html"];

    private TestSite site = null!;
    private string targetFolder = "";
    private IReadOnlyList<CaseResult> executed = [];
    private IReadOnlyList<string> besideBefore = [];
    private IReadOnlyList<string> besideAfter = [];
    private IReadOnlyList<bool> escapesBefore = [];
    private Dictionary<string, PageVisit> visits = [];

    [OneTimeSetUp]
    public async Task Run_the_hostile_target_write_the_site_and_visit_every_page()
    {
        site = TestSite.Create("hostile");
        besideBefore = TestSite.Listing(site.Parent);
        escapesBefore = Escapes.Select(Path.Exists).ToList();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Capabilities capabilities;
        string url;
        await using (var server = HostileServer.Start())
        {
            url = server.Url.ToString();
            var options = new RunOptions { Target = server.Url, Timeout = TimeSpan.FromMilliseconds(1500), Silence = TimeSpan.FromMilliseconds(200), Parallel = 8 };
            await using var executor = new Executor(options, Redactor.None, definition => $"conformance run {server.Url} --case {definition.Id}");
            var cases = CaseIds.Select(Repository.Case).ToList();
            await executor.PreflightAsync(cases, deadline.Token);
            capabilities = executor.Capabilities;
            var execution = await new CaseScheduler(executor).RunAsync(cases, progress: null, deadline.Token);
            executed = execution.Cases;
            TestContext.Progress.WriteLine($"hostile target: {server.Connections} connections, {capabilities.Detail}; verdicts: "
                + string.Join(", ", executed.GroupBy(r => r.Verdict).Select(g => $"{g.Count()} {Verdicts.Word(g.Key)}")));
        }

        var run = Reports.Run($"{url}?q={Hostile.All}", [.. executed, .. Hostile.Results()], new ImplementationInfo { Name = Hostile.All, Version = Hostile.All });
        var report = run with
        {
            Run = run.Run with
            {
                Target = run.Run.Target with { Server = capabilities.Server },
                Options = Hostile.Strings.Select((s, i) => KeyValuePair.Create($"option-{i}", s)).Append(KeyValuePair.Create(Hostile.All, Hostile.All)).ToDictionary(),
                Capabilities = capabilities.ToDictionary().Append(KeyValuePair.Create("hostile", Hostile.All)).ToDictionary(),
            },
        };
        await site.WriteAsync(new SiteInput { Runs = [report], Catalogue = Repository.Catalogue, Generator = "conformance 0.1.0 (hostile target tests)" });
        besideAfter = TestSite.Listing(site.Parent);
        targetFolder = Path.GetFileName(Directory.GetDirectories(Path.Combine(site.Root, "targets")).Single());

        await using var browser = await Browser.LaunchAsync();
        await using var page = await browser.OpenAsync(site.Url("index.html"));
        // index.html is visited again below, where what it does is recorded.
        page.TakeProblems();
        foreach (var relative in site.Files().Where(f => f.EndsWith(".html", StringComparison.Ordinal)))
        {
            visits[relative] = await PageVisit.VisitAsync(page, site.Url(relative), relative);
        }

        TestContext.Progress.WriteLine($"hostile target: {visits.Count} pages visited");
    }

    [OneTimeTearDown]
    public void Remove_the_site() => site.DeleteUnlessFailed();

    [Test]
    public void Every_page_of_the_hostile_target_is_visited()
    {
        var casePages = executed.Count + Hostile.Results().Count;
        Assert.That(visits.Keys, Is.SupersetOf(new[] { "index.html", "catalogue.html", "clauses.html", "rfc/rfc6455.html", $"targets/{targetFolder}/index.html" }));
        Assert.That(visits.Keys.Count(k => k.StartsWith($"targets/{targetFolder}/", StringComparison.Ordinal) && !k.EndsWith("/index.html", StringComparison.Ordinal)), Is.EqualTo(casePages));
    }

    [Test]
    public void No_page_opens_a_dialog_violates_its_policy_or_requests_anything_but_a_file()
    {
        var troubled = visits.Values.Where(v => v.Problems.Count > 0).SelectMany(v => v.Problems.Select(p => $"{v.Relative}: {p}")).ToList();
        Assert.That(troubled, Is.Empty);
    }

    [Test]
    public void Every_page_carries_the_policy_that_forbids_scripts()
    {
        Assert.That(SiteWriter.ContentSecurityPolicy, Does.Contain("script-src 'none'"));
        var without = visits.Values.Where(v => v.Facts.Policy != SiteWriter.ContentSecurityPolicy).Select(v => $"{v.Relative}: {v.Facts.Policy ?? "(no policy meta)"}").ToList();
        Assert.That(without, Is.Empty);
    }

    [Test]
    public void No_page_has_a_script_element_an_event_handler_or_a_script_url()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(visits.Values.Where(v => v.Scripts > 0).Select(v => v.Relative), Is.Empty, "pages with a <script> element");
            Assert.That(visits.Values.SelectMany(v => v.Facts.Injected.Select(e => $"{v.Relative}: {e}")), Is.Empty, "elements the site never writes, so they came from a hostile string");
            Assert.That(visits.Values.SelectMany(v => v.Facts.Handlers.Select(h => $"{v.Relative}: {h}")), Is.Empty, "on* attributes");
            Assert.That(visits.Values.SelectMany(v => v.Facts.Links.Where(l => !l.StartsWith("file://", StringComparison.Ordinal)).Select(l => $"{v.Relative}: {l}")), Is.Empty, "links to anything but a file");
        }
    }

    [Test]
    public void Every_link_leads_to_a_page_of_the_site()
    {
        var root = new Uri(site.Root + "/").AbsoluteUri;
        var broken = visits.Values
            .SelectMany(v => v.Facts.Links.Select(link => (v.Relative, Link: link, Target: new Uri(link))))
            .Where(l => !l.Link.StartsWith(root, StringComparison.Ordinal) || !File.Exists(l.Target.LocalPath))
            .Select(l => $"{l.Relative}: {l.Link}")
            .Distinct()
            .ToList();
        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void Hostile_strings_show_as_text_on_the_forged_case_page_and_the_run_page()
    {
        var casePage = visits[$"targets/{targetFolder}/{SafeNames.ForCase(Hostile.EvilId)}.html"];
        var runPage = visits[$"targets/{targetFolder}/index.html"];
        using (Assert.EnterMultipleScope())
        {
            // A bidirectional override is shown as its code point ("[U+202E]"), so it cannot reorder what follows.
            foreach (var hostile in Hostile.Strings.Select(s => Untrusted.Bound(s)))
            {
                Assert.That(casePage.Facts.Text, Does.Contain(hostile), $"case page text lacks {hostile}");
                Assert.That(runPage.Facts.Text, Does.Contain(hostile), $"run page text lacks {hostile}");
            }

            Assert.That(casePage.Facts.Text, Does.Not.Contain("\u202E"));

            Assert.That(casePage.Facts.Text, Does.Contain(Hostile.EvilId));
            Assert.That(visits["index.html"].Facts.Text, Does.Contain(Hostile.EvilArea));
        }
    }

    [Test]
    public void What_the_server_sent_shows_as_text_on_the_pages_of_real_cases()
    {
        var judged = executed.Where(r => r.Verdict != Verdict.Pass && r.Wire.Count > 0).ToList();
        Assert.That(executed, Has.Count.EqualTo(CaseIds.Length));
        Assert.That(judged, Is.Not.Empty, "the hostile server should fail some cases, so their wire logs reach the site");
        var texts = judged.Select(r => visits[$"targets/{targetFolder}/{SafeNames.ForCase(r.Id)}.html"].Facts.Text).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(texts, Has.Some.Contains($"Server: {Hostile.Strings[0]}"), "the Server header in a recorded response head");
            Assert.That(texts, Has.Some.Contains(Hostile.Strings[1]), "the unoffered subprotocol, in an observation or a head");
        }
    }

    [Test]
    public void Nothing_is_written_outside_the_site_folder()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(besideBefore, Is.Empty);
            Assert.That(besideAfter.Where(f => !f.StartsWith("site/", StringComparison.Ordinal)), Is.Empty, $"files beside the site in {site.Parent}");
            Assert.That(Escapes.Select(Path.Exists), Is.EqualTo(escapesBefore), string.Join(", ", Escapes));
        }
    }

    [Test]
    public void Every_file_of_the_site_has_a_plain_name()
    {
        var files = site.Files().Where(f => f != SiteFolder.MarkerFile).ToList();
        Assert.That(files, Has.Count.GreaterThan(visits.Count));
        Assert.That(files.Where(f => !f.Split('/').All(segment => PlainName().IsMatch(segment))), Is.Empty);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex PlainName();
}
