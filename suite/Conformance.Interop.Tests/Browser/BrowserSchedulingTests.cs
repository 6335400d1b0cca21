using Conformance.Interop.Browser;
using Conformance.Interop.ClientSide;
using Conformance.ReferenceServer;
using Conformance.Suite.Execution;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Results;

namespace Conformance.Interop.Tests.Browser;

/// <summary>The browser and client runners on the one scheduler: their parallelism, and a target that dies.</summary>
public sealed class BrowserSchedulingTests
{
    [Test]
    public async Task Browser_and_client_runs_use_at_most_four_pages()
    {
        await using var browser = new BrowserCaseExecutor(
            new BrowserRunOptions { WebSocket = new RunOptions { Target = new Uri("ws://127.0.0.1:9/"), Parallel = 8 }, Browser = new BrowserOptions() }, Redactor.None, c => c.Id);
        await using var narrow = new BrowserCaseExecutor(
            new BrowserRunOptions { WebSocket = new RunOptions { Target = new Uri("ws://127.0.0.1:9/"), Parallel = 2 }, Browser = new BrowserOptions() }, Redactor.None, c => c.Id);
        await using var client = new BrowserClientDriver(
            new ClientServerOptions { Cases = [], Catalogue = new CatalogueInfo { Version = "1", Hash = "sha256:00" } }, new BrowserOptions(), TimeSpan.FromSeconds(1), c => c.Id);

        Assert.Multiple(() =>
        {
            Assert.That(browser.Parallelism, Is.EqualTo(4));
            Assert.That(narrow.Parallelism, Is.EqualTo(2));
            Assert.That(client.Parallelism, Is.EqualTo(4));
        });
    }

    [Test]
    [Category("Browser")]
    public async Task A_target_that_stops_after_the_preflight_leaves_the_browser_cases_errors_naming_the_count()
    {
        var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions(), CancellationToken.None);
        var target = server.WebSocketUri;
        await using var executor = new BrowserCaseExecutor(
            new BrowserRunOptions { WebSocket = new RunOptions { Target = target, Timeout = TimeSpan.FromSeconds(2) }, Browser = new BrowserOptions { ExtraArguments = [TestChromium.LoopbackOnly] } },
            Redactor.For(target, []), c => c.Id);
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var cases = Repository.BrowserCases.Where(c => c.Id is "ws.browser.open" or "ws.browser.text-echo-0").ToList();
        await executor.PreflightAsync(cases, limit.Token);
        await server.DisposeAsync();

        var run = await new CaseScheduler(executor).RunAsync(cases, null, limit.Token);

        Assert.Multiple(() =>
        {
            Assert.That(run.Cases, Has.Count.EqualTo(2));
            Assert.That(run.Cases.Select(c => c.Verdict), Is.All.EqualTo(Verdict.Error));
            Assert.That(run.Cases.Select(c => c.Observed), Is.All.StartsWith("target unreachable after 0 cases: the browser's WebSocket did not open"));
        });
    }
}
