using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Infrastructure;

/// <summary>Runs catalogue cases in-process against a target, as the runner does, and returns the results.</summary>
internal static class MetaRun
{
    public static async Task<IReadOnlyList<CaseResult>> RunAsync(Uri target, IReadOnlyList<CaseDefinition>? cases = null, RunOptions? options = null)
    {
        options = (options ?? new RunOptions { Target = target }) with { Target = target };
        var executor = new Executor(options, Redactor.None, d => d.Id);
        var capabilities = await executor.PreflightAsync(CancellationToken.None);
        var result = await executor.RunAsync(cases ?? Repository.DefaultCases, capabilities, null, CancellationToken.None);
        Assert.That(result.Complete, Is.True);
        return result.Cases;
    }

    /// <summary>id → verdict word, for comparisons that print well.</summary>
    public static Dictionary<string, string> Verdicts(IEnumerable<CaseResult> results) =>
        results.ToDictionary(r => r.Id, r => Suite.Results.Verdicts.Word(r.Verdict));

    /// <summary>One line per result that is not a pass, for assertion messages.</summary>
    public static string Describe(IEnumerable<CaseResult> results) =>
        string.Join(Environment.NewLine, results.Select(r => $"{r.Id}: {Suite.Results.Verdicts.Word(r.Verdict)} — {r.Observed}"));
}
