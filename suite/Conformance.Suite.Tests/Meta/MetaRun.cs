using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Rest;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Meta;

/// <summary>Runs catalogue cases in-process against a target, as the runner does, and returns the results.</summary>
internal static class MetaRun
{
    public static async Task<IReadOnlyList<CaseResult>> RunAsync(Uri target, IReadOnlyList<CaseDefinition>? cases = null, RunOptions? options = null)
    {
        options = (options ?? new RunOptions { Target = target }) with { Target = target };
        cases ??= Repository.DefaultCases;
        await using var executor = new Executor(options, Redactor.None, d => d.Id);
        await executor.PreflightAsync(cases, CancellationToken.None);
        var result = await new CaseScheduler(executor).RunAsync(cases, null, CancellationToken.None);
        Assert.That(result.Complete, Is.True);
        return result.Cases;
    }

    /// <summary>Runs every REST case in-process against an API described by a profile file (a path under the repository).</summary>
    public static async Task<IReadOnlyList<CaseResult>> RestAsync(Uri target, string profile, Func<RestRunOptions, RestRunOptions>? adjust = null)
    {
        var options = new RestRunOptions { Target = target, Profile = RestProfileLoader.Load(Path.Combine(Repository.Root, profile)) };
        await using var executor = new RestExecutor(adjust?.Invoke(options) ?? options, Redactor.None, d => d.Id);
        await executor.PreflightAsync(Repository.RestCases, CancellationToken.None);
        var result = await new CaseScheduler(executor).RunAsync(Repository.RestCases, null, CancellationToken.None);
        Assert.That(result.Complete, Is.True);
        return result.Cases;
    }

    /// <summary>
    /// The results against <paramref name="other"/> whose verdict differs from <paramref name="reference"/>'s: both
    /// run the cases, and the cases that differ run once more on both before a difference counts, since some cases
    /// are timing-sensitive (a loaded machine can make a server late once). <paramref name="before"/>: the reference's
    /// verdicts of all the cases when they are known already; <paramref name="cases"/>: the default tier unless given.
    /// </summary>
    public static async Task<IReadOnlyList<CaseResult>> ChangedAsync(Uri reference, Uri other, RunOptions options, Dictionary<string, string>? before = null, IReadOnlyList<CaseDefinition>? cases = null)
    {
        cases ??= Repository.DefaultCases;
        before ??= Verdicts(await RunAsync(reference, cases, options));
        var differing = (await RunAsync(other, cases, options)).Where(r => Suite.Results.Verdicts.Word(r.Verdict) != before[r.Id]).Select(r => r.Id).ToHashSet();
        if (differing.Count == 0)
        {
            return [];
        }

        var again = cases.Where(c => differing.Contains(c.Id)).ToList();
        var referenceAgain = Verdicts(await RunAsync(reference, again, options));
        var otherAgain = await RunAsync(other, again, options);
        return [.. otherAgain.Where(r => Suite.Results.Verdicts.Word(r.Verdict) != referenceAgain[r.Id] && Suite.Results.Verdicts.Word(r.Verdict) != before[r.Id])];
    }

    /// <summary>id → verdict word, for comparisons that print well.</summary>
    public static Dictionary<string, string> Verdicts(IEnumerable<CaseResult> results) =>
        results.ToDictionary(r => r.Id, r => Suite.Results.Verdicts.Word(r.Verdict));

    /// <summary>One line per result that is not a pass, for assertion messages.</summary>
    public static string Describe(IEnumerable<CaseResult> results) =>
        string.Join(Environment.NewLine, results.Select(r => $"{r.Id}: {Suite.Results.Verdicts.Word(r.Verdict)} — {r.Observed}"));
}
