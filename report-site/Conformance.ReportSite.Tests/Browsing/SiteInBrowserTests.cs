using System.Text.RegularExpressions;
using Conformance.ReportSite.Model;
using Conformance.ReportSite.Tests.Fixtures;
using Conformance.ReportSite.Tests.Infrastructure;
using Conformance.Suite.Results;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Conformance.ReportSite.Tests.Browsing;

/// <summary>
/// The site of two runs (a reference server and a sloppy one) as a reader sees it in Chromium from file://:
/// the matrix, its script-free filter, a failing case's evidence, accessibility and a phone screen.
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed partial class SiteInBrowserTests
{
    /// <summary>The pages checked one by one.</summary>
    public enum SitePage
    {
        /// <summary>index.html, the matrix.</summary>
        Index,
        /// <summary>The sloppy target's run summary.</summary>
        Run,
        /// <summary>The sloppy target's page of <see cref="SampleRuns.FailingCase"/>.</summary>
        Case,
        /// <summary>catalogue.html.</summary>
        Catalogue,
        /// <summary>clauses.html.</summary>
        Clauses,
        /// <summary>The bundled RFC 6455.</summary>
        Rfc,
        /// <summary>The diff page from the reference run to the sloppy one.</summary>
        Compare,
    }

    private static readonly string[] TargetLabels = ["reference-server 1.0.0", "sloppy-ws 0.3.1"];
    private static readonly string[] NotRun = ["— not run"];
    // Wire-log row 4 as shown: the RSV1 "Hello" frame the suite sent, and its hex dump.
    private static readonly string[] SentFrame = ["4", "2.3", "→ out", "frame", "text", "1", "100", "masked", "5", "Hello", "0000  48 65 6c 6c 6f" + new string(' ', 35) + "|Hello|"];
    private static readonly string[] EofWithoutOpcode = ["eof", ""];

    private TestSite site = null!;
    private Browser browser = null!;
    private string sloppyTarget = "";
    private string comparePage = "";

    [OneTimeSetUp]
    public async Task Write_the_site_and_start_the_browser()
    {
        var input = new SiteInput { Runs = SampleRuns.Build(), Catalogue = Repository.Catalogue, Comparisons = [(0, 1)], Generator = "conformance 0.1.0 (browser tests)" };
        site = TestSite.Create("browser");
        await site.WriteAsync(input);
        var targets = new SiteBuilder(input).Targets;
        sloppyTarget = targets[1].Slug;
        comparePage = SiteBuilder.CompareFile(targets[0], targets[1]);
        browser = await Browser.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task Stop_the_browser()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        site.DeleteUnlessFailed();
    }

    [Test]
    public async Task Matrix_has_a_row_per_case_and_a_column_per_target()
    {
        await using var page = await browser.OpenAsync(site.Url(PathOf(SitePage.Index)));
        var matrix = page.Page.Locator("table#matrix");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await matrix.Locator("tr.case th[scope=row] > a").AllInnerTextsAsync(), Is.EquivalentTo(SampleRuns.AllIds));
            Assert.That(await matrix.Locator("thead th.target").AllInnerTextsAsync(), Is.EqualTo(TargetLabels));
            Assert.That(await matrix.Locator("tr.case").EvaluateAllAsync<int[]>("rows => rows.map(r => r.querySelectorAll('td.cell, td.missing').length)"), Is.All.EqualTo(2));
            Assert.That(await matrix.Locator("td.missing").AllInnerTextsAsync(), Is.EqualTo(NotRun));
        }

        page.AssertClean();
    }

    [Test]
    public async Task Verdict_cells_show_an_icon_and_a_word()
    {
        await using var page = await browser.OpenAsync(site.Url(PathOf(SitePage.Index)));
        var cells = await page.Page.Locator("table#matrix td.cell").EvaluateAllAsync<string[][]>(
            "cells => cells.map(c => [c.className, c.innerText.trim(), c.querySelector('.icon')?.getAttribute('aria-hidden') ?? 'no icon'])");
        var expected = VerdictView.All.ToDictionary(v => $"cell {VerdictView.Css(v)}", v => $"{VerdictView.Icon(v)} {VerdictView.Word(v)}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(cells, Has.Length.EqualTo(SampleRuns.AllIds.Count * 2 - 1));
            Assert.That(cells.Select(c => c[0]).Distinct(), Is.EquivalentTo(expected.Keys), "every verdict appears in the sample");
            foreach (var cell in cells)
            {
                Assert.That(cell[1], Is.EqualTo(expected.GetValueOrDefault(cell[0])), $"text of a '{cell[0]}' cell");
                Assert.That(cell[2], Is.EqualTo("true"), "the icon is decoration; the word is what a screen reader says");
            }

            Assert.That(await page.Page.GetByRole(AriaRole.Link, new() { Name = "fail", Exact = true }).CountAsync(), Is.EqualTo(cells.Count(c => c[0] == "cell v-fail")));
        }

        page.AssertClean();
    }

    [Test]
    public async Task Failing_only_filter_hides_passing_rows()
    {
        await using var page = await browser.OpenAsync(site.Url(PathOf(SitePage.Index)));
        Assert.That(await VisibleCaseIds(page), Is.EquivalentTo(SampleRuns.AllIds));
        await page.ScreenshotAsync("index");

        await page.Page.GetByLabel("failing only (fail or error)").CheckAsync();

        Assert.That(await VisibleCaseIds(page), Is.EquivalentTo(SampleRuns.FailingIds));
        Assert.That(await page.Page.Locator("table#matrix tbody.area").Filter(new() { Visible = true }).CountAsync(),
            Is.EqualTo(SampleRuns.FailingIds.Select(id => id.Split('.')[1]).Distinct().Count()), "areas without a failing case are hidden");
        await page.ScreenshotAsync("index-failing-only");
        page.AssertClean();
    }

    [Test]
    public async Task Filter_can_be_switched_from_the_keyboard()
    {
        await using var page = await browser.OpenAsync(site.Url(PathOf(SitePage.Index)));
        await page.Page.Locator("#show-all").FocusAsync();
        await page.Page.Keyboard.PressAsync("ArrowRight");
        await page.Page.Keyboard.PressAsync("ArrowRight");

        Assert.That(await page.Page.Locator("#show-failing").IsCheckedAsync(), Is.True);
        Assert.That(await VisibleCaseIds(page), Is.EquivalentTo(SampleRuns.FailingIds));
        page.AssertClean();
    }

    [Test]
    public async Task Failing_case_page_shows_the_requirement_and_the_wire_log()
    {
        await using var page = await browser.OpenAsync(site.Url(PathOf(SitePage.Index)));
        var row = page.Page.Locator("table#matrix tr.case").Filter(new() { Has = page.Page.GetByRole(AriaRole.Link, new() { Name = SampleRuns.FailingCase, Exact = true }) });
        await row.Locator("td.v-fail a").ClickAsync();
        // Commit, then the document polled until complete: a CI run once saw the page loaded (network idle) while Playwright's wait for its load event ran out.
        await page.Page.WaitForURLAsync($"**/targets/{sloppyTarget}/{SampleRuns.FailingCase}.html", new() { WaitUntil = WaitUntilState.Commit });
        await page.Page.WaitForFunctionAsync("document.readyState === 'complete'");

        var requirement = page.Page.Locator("section#requirement blockquote");
        var wire = page.Page.Locator("section#wire table#wire-log");
        var cells = wire.Locator("tbody tr").Filter(new() { Visible = true });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await requirement.IsVisibleAsync(), Is.True);
            Assert.That(Normalized(await requirement.InnerTextAsync()), Is.EqualTo(Normalized(Repository.Case(SampleRuns.FailingCase).Requirement)));
            Assert.That(await wire.IsVisibleAsync(), Is.True);
            Assert.That(await cells.CountAsync(), Is.EqualTo(12));
            Assert.That(await Row(wire, 4), Is.EqualTo(SentFrame));
            Assert.That((await Row(wire, 5))[10], Is.EqualTo("0000  c1 85 37 fa 21 3d 7f 9f 4d 51 58" + new string(' ', 17) + "|..7.!=..MQX|"));
            Assert.That((await Row(wire, 8))[10], Does.StartWith("0000  82 7e 01 2c").And.Contains("\n0030  ").And.EndWith("\n…"));
            Assert.That((await Row(wire, 11))[3..5], Is.EqualTo(EofWithoutOpcode));
            Assert.That((await Row(wire, 12))[3], Is.EqualTo("reset"));
            Assert.That(await page.Page.Locator("section#handshake").InnerTextAsync(), Does.Contain("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
            Assert.That(await page.Page.Locator("section#rerun").InnerTextAsync(), Does.Contain($"--case {SampleRuns.FailingCase}"));
        }

        await page.ScreenshotAsync("case-page");
        page.AssertClean();
    }

    [TestCase(SitePage.Index)]
    [TestCase(SitePage.Run)]
    [TestCase(SitePage.Case)]
    [TestCase(SitePage.Catalogue)]
    [TestCase(SitePage.Clauses)]
    [TestCase(SitePage.Rfc)]
    [TestCase(SitePage.Compare)]
    public async Task Page_has_no_serious_or_critical_accessibility_violation(SitePage which)
    {
        await using var page = await browser.OpenAsync(site.Url(PathOf(which)));
        page.AssertClean();
        var findings = await AxeFindingsAsync(page);
        foreach (var minor in findings.Where(f => f.Impact is not ("serious" or "critical")))
        {
            TestContext.Out.WriteLine($"{which}: {minor.Text}");
        }

        Assert.That(findings.Where(f => f.Impact is "serious" or "critical").Select(f => f.Text), Is.Empty, $"axe on {PathOf(which)}");
    }

    [Test]
    public async Task Accessibility_check_finds_a_known_violation()
    {
        await using var page = await browser.OpenAsync(site.Url(PathOf(SitePage.Index)));
        await page.Page.SetContentAsync("<!DOCTYPE html><html lang=\"en\"><title>broken</title><main><img src=\"data:,\"><button></button></main></html>");
        Assert.That((await AxeFindingsAsync(page)).Select(f => f.Text), Has.Some.StartsWith("image-alt (critical)").And.Some.StartsWith("button-name (critical)"));
    }

    [Test]
    public async Task Filter_radios_stay_beside_their_labels_on_a_phone()
    {
        await using var page = await browser.OpenAsync(site.Url(PathOf(SitePage.Index)), Browser.Phone);
        var detached = await page.Page.EvaluateAsync<string[]>("""
            () => Array.from(document.querySelectorAll('fieldset.filter input[type=radio]')).filter(radio => {
              const box = radio.getBoundingClientRect();
              const line = document.querySelector(`label[for="${radio.id}"]`).getClientRects()[0];
              return !(box.right <= line.left + 1 && line.left - box.right < 24 && box.top < line.bottom && box.bottom > line.top);
            }).map(radio => radio.id)
            """);
        Assert.That(detached, Is.Empty, "radios not on the first line of their label, just before it");
        page.AssertClean();
    }

    [TestCase(SitePage.Index)]
    [TestCase(SitePage.Case)]
    [TestCase(SitePage.Compare)]
    public async Task Page_fits_a_phone_screen_except_inside_its_scrolling_tables(SitePage which)
    {
        await using var page = await browser.OpenAsync(site.Url(PathOf(which)), Browser.Phone);
        await page.ScreenshotAsync($"phone-{which.ToString().ToLowerInvariant()}");
        var width = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var wide = await page.Page.EvaluateAsync<string[]>("""
            (limit) => Array.from(document.querySelectorAll('body *'))
              .filter(e => e.getBoundingClientRect().right > limit && !e.closest('.scroll') && !e.closest('.chart'))
              .slice(0, 10).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
            """, Browser.Phone.Width + 1);
        Assert.That(width, Is.LessThanOrEqualTo(Browser.Phone.Width + 1), $"too wide: {string.Join(", ", wide)}");
        page.AssertClean();
    }

    private string PathOf(SitePage which) => which switch
    {
        SitePage.Index => "index.html",
        SitePage.Run => $"targets/{sloppyTarget}/index.html",
        SitePage.Case => $"targets/{sloppyTarget}/{SampleRuns.FailingCase}.html",
        SitePage.Catalogue => "catalogue.html",
        SitePage.Clauses => "clauses.html",
        SitePage.Compare => comparePage,
        _ => "rfc/rfc6455.html",
    };

    [Test]
    public async Task Diff_page_lists_the_regressions_and_links_to_both_case_pages()
    {
        await using var page = await browser.OpenAsync(site.Url(PathOf(SitePage.Compare)));
        var regressions = page.Page.Locator("#regressions tbody tr");
        Assert.That(await regressions.CountAsync(), Is.GreaterThan(0));
        var failing = regressions.Filter(new() { HasText = SampleRuns.FailingCase });
        await failing.Locator("td").Nth(2).GetByRole(AriaRole.Link).ClickAsync();
        Assert.That(page.Page.Url, Does.EndWith($"targets/{sloppyTarget}/{SampleRuns.FailingCase}.html"));
        page.AssertClean();
    }

    // axe's violations, one line each: rule, impact, help and the first few elements.
    private static async Task<List<(string Impact, string Text)>> AxeFindingsAsync(WatchedPage page)
    {
        var result = await page.Page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        // axe fetches the stylesheet to read its rules; the page's policy refuses that fetch, as it should.
        page.TakeProblems();
        return result.Violations
            .Select(v => (v.Impact, $"{v.Id} ({v.Impact}): {v.Help}; at {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}{(v.Nodes.Length > 5 ? $" and {v.Nodes.Length - 5} more" : "")}"))
            .ToList();
    }

    private static async Task<IReadOnlyList<string>> VisibleCaseIds(WatchedPage page) =>
        await page.Page.Locator("table#matrix tr.case").Filter(new() { Visible = true }).Locator("th[scope=row] > a").AllInnerTextsAsync();

    // The cells of the wire log's row with this "#", as shown.
    private static async Task<string[]> Row(ILocator wire, int number) =>
        [.. await wire.Locator("tbody tr").Nth(number - 1).Locator("td").AllInnerTextsAsync()];

    private static string Normalized(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
