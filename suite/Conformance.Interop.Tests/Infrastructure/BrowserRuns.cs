using Conformance.Interop.Browser;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Results;

namespace Conformance.Interop.Tests.Infrastructure;

/// <summary>Runs browser cases against a target and returns the results by id.</summary>
internal static class BrowserRuns
{
    public static async Task<(IReadOnlyDictionary<string, CaseResult> Results, string Preflight, string Browser)> RunAsync(
        Uri target, Func<RunOptions, RunOptions>? configure = null, string? origin = null, IReadOnlyList<CaseDefinition>? cases = null)
    {
        var options = new RunOptions { Target = target, Timeout = TimeSpan.FromSeconds(5) };
        options = configure?.Invoke(options) ?? options;
        await using var executor = new BrowserCaseExecutor(
            new BrowserRunOptions { WebSocket = options, Browser = new BrowserOptions { ExtraArguments = [TestChromium.LoopbackOnly] }, Origin = origin },
            Redactor.For(target, []),
            c => "./run.sh run --cases " + c.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        cases ??= Repository.BrowserCases;
        var preflight = await executor.PreflightAsync(cases, timeout.Token);
        var run = await new CaseScheduler(executor).RunAsync(cases, null, timeout.Token);
        return (run.Cases.ToDictionary(c => c.Id), preflight.Detail, executor.BrowserDescription!);
    }
}
