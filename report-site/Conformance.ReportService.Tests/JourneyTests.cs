using Conformance.Interop.Browser;
using Conformance.ReportService.Tests.Infrastructure;
using Conformance.Suite.Results;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Conformance.ReportService.Tests;

/// <summary>
/// A visitor's path through the service in Debian's Chromium: two runs uploaded through the API, then home, the
/// implementation's run, a failing case and the comparison of the two runs; each page checked by axe.
/// </summary>
[Category("Browser")]
[NonParallelizable]
public sealed class JourneyTests
{
    private static readonly BrowserOptions Chromium = new()
    {
        ExtraArguments = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"],
    };

    [Test]
    public async Task Upload_two_runs_then_browse_home_the_implementation_a_failing_case_and_the_comparison()
    {
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite);
        var older = await UploadAsync(service, Samples.Report("journey-ws", "8.17.0"));
        var newer = await UploadAsync(service, Samples.Report("journey-ws", "8.18.0", observed: "the server answered the reserved opcode with an echo"));
        await using var browser = await BrowserSession.LaunchAsync(Chromium, CancellationToken.None);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var screenshots = Directory.CreateTempSubdirectory("journey-").FullName;

        await page.GotoAsync(service.Service.BaseUri.ToString());
        await Expect(page, "home", screenshots, "journey-ws 8.18.0");

        await page.GetByRole(AriaRole.Link, new() { Name = "journey-ws 8.18.0" }).First.ClickAsync();
        await Expect(page, "run", screenshots, "Uploaded with token");

        await page.GetByRole(AriaRole.Link, new() { Name = "ws.frame.reserved-opcode" }).First.ClickAsync();
        await Expect(page, "case", screenshots, "the server answered the reserved opcode with an echo");

        await page.GotoAsync(new Uri(service.Service.BaseUri, $"compare/{older}/{newer}").ToString());
        await Expect(page, "compare", screenshots, "journey-ws");
        TestContext.Out.WriteLine($"screenshots: {screenshots}");
    }

    private static async Task<string> UploadAsync(ServiceHarness service, RunReport report)
    {
        using var response = await service.UploadAsync(Samples.Json(report));
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.ToString().TrimEnd('/').Split('/')[^1];
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
