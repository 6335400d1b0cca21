using Conformance.Interop.Tests.Infrastructure;
using Conformance.ReferenceServer;
using Conformance.Suite.Results;

namespace Conformance.Interop.Tests.Browser;

[Category("Browser")]
public sealed class ReferenceServerBrowserTests
{
    [Test]
    public async Task Every_browser_case_passes_against_the_reference_server()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { MaxMessageSize = 8 << 20 }, CancellationToken.None);
        var (results, preflight, browser) = await BrowserRuns.RunAsync(server.WebSocketUri, o => o with { Subprotocols = ["chat"], MaxMessage = 8 << 20 });
        TestContext.Out.WriteLine(preflight);
        foreach (var result in results.Values)
        {
            TestContext.Out.WriteLine($"{result.Id}: {result.Verdict} — {result.Observed}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(browser, Does.StartWith("chromium "));
            Assert.That(results, Has.Count.EqualTo(Repository.BrowserCases.Count));
            // The reference server does not offer permessage-deflate, so there is no compressed echo to judge.
            Assert.That(results["ws.browser.compressed-echo"].Verdict, Is.EqualTo(Verdict.Unimplemented));
            Assert.That(results.Values.Where(r => r.Id != "ws.browser.compressed-echo" && r.Verdict is not (Verdict.Pass or Verdict.Informational)).Select(r => $"{r.Id}: {r.Verdict} {r.Observed}"), Is.Empty);
        });
    }
}
