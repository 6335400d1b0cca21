using Conformance.Interop.Browser;
using Conformance.ReportService.Tests.Infrastructure;
using Conformance.Suite.Results;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Conformance.ReportService.Tests;

/// <summary>
/// A visitor's path through the service in Debian's Chromium: two runs uploaded through the API (the newer one fails
/// a case the older passed), then home, the implementation's history, the changes between the runs, the failing case,
/// back home to the newer run and the catalogue; each page checked by axe.
/// </summary>
[Category("Browser")]
[NonParallelizable]
public sealed class JourneyTests
{
    private static readonly BrowserOptions Chromium = new()
    {
        ExtraArguments = [TestChromium.LoopbackOnly],
    };

    [Test]
    public async Task Upload_two_runs_then_browse_home_the_history_the_changes_a_failing_case_and_the_run()
    {
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite);
        await service.PublishAsync(Samples.Report("journey-ws", "8.17.0", reservedOpcode: Verdict.Pass));
        await service.PublishAsync(Samples.Report("journey-ws", "8.18.0", observed: "the server answered the reserved opcode with an echo"));
        await using var browser = await BrowserSession.LaunchAsync(Chromium, CancellationToken.None);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var screenshots = Directory.CreateTempSubdirectory("journey-").FullName;

        await page.GotoAsync(service.Service.BaseUri.ToString());
        await Expect(page, "home", screenshots, "journey-ws 8.18.0");

        await page.GetByRole(AriaRole.Link, new() { Name = "History of journey-ws" }).ClickAsync();
        await Expect(page, "history", screenshots, "History of journey-ws: 2 runs");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("journey-ws 8.17.0");

        await page.GetByRole(AriaRole.Link, new() { Name = "journey-ws 8.17.0 → journey-ws 8.18.0" }).ClickAsync();
        await Expect(page, "changes", screenshots, "Regressions (1)");
        var regression = page.Locator("#regressions tbody tr");
        await Assertions.Expect(regression).ToContainTextAsync("ws.frame.reserved-opcode");

        await regression.GetByRole(AriaRole.Link, new() { Name = "fail" }).ClickAsync();
        await Expect(page, "case", screenshots, "the server answered the reserved opcode with an echo");

        await page.GetByRole(AriaRole.Link, new() { Name = "All implementations" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "journey-ws 8.18.0" }).First.ClickAsync();
        await Expect(page, "run", screenshots, "Uploaded with token");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Changes since the previous run of journey-ws" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Catalogue", Exact = true }).ClickAsync();
        await Expect(page, "catalogue", screenshots, "ws.frame.reserved-opcode");
        TestContext.Out.WriteLine($"screenshots: {screenshots}");
    }

    // The page shows the text, is saved as a screenshot, and has no serious or critical accessibility violation.
    private static async Task Expect(IPage page, string name, string folder, string text)
    {
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(text);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
        var axe = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help}");
        Assert.That(serious, Is.Empty);
    }
}
