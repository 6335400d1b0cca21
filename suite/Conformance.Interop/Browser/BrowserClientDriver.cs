using System.Text.Json;
using Conformance.Interop.ClientSide;
using Conformance.Interop.Harness;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Results;
using Microsoft.Playwright;

namespace Conformance.Interop.Browser;

/// <summary>
/// Drives a browser through the client cases of a <see cref="ClientCaseServer"/> it starts in-process: the harness page,
/// loaded from that server, opens each case's URL with the browser's WebSocket, echoes what arrives and posts what the
/// API saw; the server judges the connection and the report.
/// </summary>
public sealed class BrowserClientDriver : ICaseRunner
{
    private const int MaxParallelPages = 4;
    private const int MaxConsoleNotes = 3;
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    private readonly ClientServerOptions serverOptions;
    private readonly BrowserOptions browserOptions;
    private readonly TimeSpan caseTimeout;
    private readonly Func<CaseDefinition, string> rerunCommand;
    private ClientCaseServer? server;
    private BrowserSession? browser;
    private HarnessPages? pages;

    /// <summary>
    /// A driver of <paramref name="browserOptions"/>'s browser through the cases of a server started with
    /// <paramref name="serverOptions"/>, giving each case <paramref name="caseTimeout"/>.
    /// </summary>
    public BrowserClientDriver(ClientServerOptions serverOptions, BrowserOptions browserOptions, TimeSpan caseTimeout, Func<CaseDefinition, string> rerunCommand)
    {
        ArgumentNullException.ThrowIfNull(serverOptions);
        this.serverOptions = serverOptions with { RerunCommand = rerunCommand };
        this.browserOptions = browserOptions;
        this.caseTimeout = caseTimeout;
        this.rerunCommand = rerunCommand;
    }

    /// <inheritdoc/>
    public CaseKind Kind => CaseKind.Client;

    /// <summary>Four pages at once.</summary>
    public int Parallelism => MaxParallelPages;

    /// <summary>Nothing of the run is secret: the server is the suite's own, on the loopback.</summary>
    public Redactor Redactor { get; } = Redactor.For(new Uri("ws://127.0.0.1/"), []);

    /// <inheritdoc/>
    public string RerunCommand(CaseDefinition definition) => rerunCommand(definition);

    /// <summary>Starts the client-case server and the browser.</summary>
    /// <exception cref="BrowserUnavailableException">The browser does not start.</exception>
    public async Task<Preflight> PreflightAsync(IReadOnlyList<CaseDefinition> cases, CancellationToken cancellationToken)
    {
        server = await ClientCaseServer.StartAsync(serverOptions, cancellationToken);
        browser = await BrowserSession.LaunchAsync(browserOptions, cancellationToken);
        pages = new HarnessPages(browser, new Uri(server.BaseUri, HarnessAssets.PageName));
        return new Preflight(
            $"client {browser.Description} against the client-case server at {server.BaseUri}",
            null,
            new Dictionary<string, string> { ["client"] = browser.Description, ["clientCaseServer"] = server.BaseUri.ToString() },
            browser.Version);
    }

    /// <summary>Every client case runs: the server serves them all.</summary>
    public NotRun? Applicability(CaseDefinition definition) => null;

    /// <summary>None of the scheduler's: the wait for the server's judgement bounds the case.</summary>
    public TimeSpan? Budget(CaseDefinition definition) => null;

    /// <summary>Opens the case in a page and waits for the server's judgement of the connection it served.</summary>
    public async Task AttemptAsync(CaseAttempt attempt, CancellationToken cancellationToken)
    {
        if (server is null || browser is null || pages is null)
        {
            throw new InvalidOperationException("Run the preflight first.");
        }

        var definition = attempt.Definition;
        var agent = browserOptions.Name;
        var page = await pages.TakeAsync();
        var caseUri = server.CaseUri(definition.Id, agent);
        var reportUri = new Uri(server.BaseUri, $"report/{Uri.EscapeDataString(definition.Id)}?agent={Uri.EscapeDataString(agent)}");
        var judged = server.JudgedAsync(agent, definition.Id, cancellationToken);
        string? failure = null;
        try
        {
            var arguments = new object[] { caseUri.ToString(), reportUri.ToString(), (int)caseTimeout.TotalMilliseconds };
            await page.Page.EvaluateAsync<JsonElement>("([c, r, t]) => window.conformance.runClientCase(c, r, t)", arguments);
        }
        catch (PlaywrightException e)
        {
            failure = $"harness: the browser page failed: {e.Message.Split('\n', 2)[0]}";
        }

        var finished = await Task.WhenAny(judged, Task.Delay(caseTimeout * 2 + Slack, cancellationToken));
        if (finished == judged)
        {
            // Chromium names why it failed a connection only on its console: evidence beside the server's verdict.
            var console = page.DrainConsole().Take(MaxConsoleNotes).Select(line => "browser " + (line.Length > 300 ? line[..300] + "…" : line)).ToList();
            var (result, decidedByTimeout) = await judged;
            pages.Return(page);
            attempt.Adopt(console.Count == 0 ? result : result with { Annotations = [.. result.Annotations, .. console] }, decidedByTimeout);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        attempt.Judgement.Expected = "(the browser connects to the case)";
        attempt.Judgement.Error(failure ?? $"harness: the browser never connected to {caseUri} (or the server did not judge it within {(int)(caseTimeout * 2 + Slack).TotalMilliseconds} ms)");
        foreach (var line in page.DrainConsole())
        {
            attempt.Log.Add(WireEventKind.Note, WireDirection.None, line);
        }

        pages.Return(page);
    }

    /// <summary>Nothing: the server's judgement carries the case's figures.</summary>
    public void Measure(CaseAttempt attempt, TimeSpan elapsed)
    {
    }

    /// <summary>Always: the client-case server runs in this process.</summary>
    public Task<bool> ReachableAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>Stops the pages, the browser and the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (pages is not null)
        {
            await pages.DisposeAsync();
        }

        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
