using System.Diagnostics;
using System.Text.Json;
using Conformance.Interop.ClientSide;
using Conformance.Interop.Harness;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;
using Microsoft.Playwright;

namespace Conformance.Interop.Browser;

/// <summary>
/// Drives a browser through the client cases of a <see cref="ClientCaseServer"/>: the harness page, loaded from that
/// server, opens each case's URL with the browser's WebSocket, echoes what arrives and posts what the API saw; the
/// server judges the connection and the report.
/// </summary>
public static class BrowserClientDriver
{
    private const int MaxParallelPages = 4;
    private const int MaxConsoleNotes = 3;
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    public static async Task<ExecutionResult> RunAsync(
        BrowserSession browser, ClientCaseServer server, IReadOnlyList<CaseDefinition> cases, string agent, TimeSpan caseTimeout,
        Func<CaseDefinition, string> rerunCommand, IProgress<CaseResult>? progress, CancellationToken cancellationToken)
    {
        var results = new CaseResult?[cases.Count];
        var complete = true;
        await using var pages = new HarnessPages(browser, new Uri(server.BaseUri, HarnessAssets.PageName));
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelPages, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), parallel, async (index, token) =>
            {
                var page = await pages.TakeAsync();
                results[index] = await RunOneAsync(page, server, cases[index], agent, caseTimeout, rerunCommand, token);
                pages.Return(page);
                progress?.Report(results[index]!);
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            complete = false;
        }

        return new ExecutionResult(results.OfType<CaseResult>().ToList(), complete);
    }

    private static async Task<CaseResult> RunOneAsync(HarnessPage page, ClientCaseServer server, CaseDefinition definition, string agent, TimeSpan caseTimeout, Func<CaseDefinition, string> rerunCommand, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var caseUri = server.CaseUri(definition.Id, agent);
        var reportUri = new Uri(server.BaseUri, $"report/{Uri.EscapeDataString(definition.Id)}?agent={Uri.EscapeDataString(agent)}");
        var judged = server.ResultAsync(agent, definition.Id, cancellationToken);
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
            var result = await judged;
            return console.Count == 0 ? result : result with { Annotations = [.. result.Annotations, .. console] };
        }

        cancellationToken.ThrowIfCancellationRequested();
        var judgement = new Judgement(definition.Level) { Expected = "(the browser connects to the case)" };
        judgement.Error(failure ?? $"harness: the browser never connected to {caseUri} (or the server did not judge it within {(int)(caseTimeout * 2 + Slack).TotalMilliseconds} ms)");
        var log = new WireLog(Redactor.For(caseUri, []));
        foreach (var line in page.DrainConsole())
        {
            log.Add(WireEventKind.Note, WireDirection.None, line);
        }

        return CaseResults.From(definition, judgement, log, new Dictionary<string, double>(), clock, Redactor.For(caseUri, []), rerunCommand);
    }
}
