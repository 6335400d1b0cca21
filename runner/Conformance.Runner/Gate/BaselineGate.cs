using Conformance.Runner.Commands;
using Conformance.Suite.Results;

namespace Conformance.Runner.Gate;

/// <summary>
/// A comparison read as a gate. <see cref="Regressions"/> are what fails it: the comparison's regressions and the
/// added cases that fail. <see cref="Sections"/> lists every change once, in the order all outputs show them.
/// </summary>
internal sealed record GateOutcome(RunComparison Comparison, IReadOnlyList<CaseChange> Regressions)
{
    public bool Regressed => Regressions.Count > 0;

    /// <summary>Label → changes: regressions first (added failing cases among them), then the rest of the comparison.</summary>
    public IReadOnlyList<(string Label, IReadOnlyList<CaseChange> Changes)> Sections =>
    [
        ("regression", Regressions),
        ("improvement", Comparison.Improvements),
        ("changed", Comparison.Changed),
        ("added", Comparison.Added.Where(c => !Regressions.Contains(c)).ToList()),
        ("removed", Comparison.Removed),
    ];

    /// <summary>"1 regression, 2 improvements, 0 other changes, 0 added, 1 removed".</summary>
    public string Counts
    {
        get
        {
            var counts = Sections.Select(s => s.Changes.Count).ToList();
            return $"{Plural(counts[0], "regression")}, {Plural(counts[1], "improvement")}, {Plural(counts[2], "other change")}, {counts[3]} added, {counts[4]} removed";
        }
    }

    /// <summary>The verdicts of a change in words: "pass → fail", "new → fail", "was pass".</summary>
    public static string Transition(CaseChange change) => (change.Before, change.After) switch
    {
        ({ } before, { } after) => $"{Verdicts.Word(before)} → {Verdicts.Word(after)}",
        (null, { } after) => $"new → {Verdicts.Word(after)}",
        ({ } before, null) => $"was {Verdicts.Word(before)}",
        _ => "",
    };

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}

/// <summary>The outcome of <c>run --baseline</c>: the gate, and what to tell the user about the baseline file.</summary>
internal sealed record BaselineOutcome(string BaselinePath, Baseline Baseline, GateOutcome Gate, string RefreshCommand);

/// <summary>
/// The regression decision. A regression is a case whose verdict ranks worse (<see cref="Verdicts.Rank"/>) than
/// before, or a case the earlier run does not have whose verdict would fail a run on its own (fail, error; and
/// non-strict under --fail-on non-strict). Improvements, other changes and removed cases are reported, never fatal.
/// </summary>
internal static class BaselineGate
{
    public static GateOutcome Judge(RunComparison comparison, bool failOnNonStrict) =>
        new(comparison, [.. comparison.Regressions, .. comparison.Added.Where(c => c.After is { } verdict && ExitCodes.Fails(verdict, failOnNonStrict))]);

    /// <summary>Holds a run against a baseline; <paramref name="resultsPath"/> is where the run's results were written.</summary>
    public static BaselineOutcome Evaluate(string baselinePath, Baseline baseline, RunReport report, string resultsPath, bool failOnNonStrict)
    {
        var comparison = RunComparison.Between(baseline.AsResults(), report.Cases);
        if (!report.Run.Complete)
        {
            // An interrupted run did not reach every case: those are not gone from the catalogue.
            comparison = comparison with { Removed = [] };
        }

        var refresh = $"./run.sh baseline write {RerunCommand.Quote(resultsPath)} --out {RerunCommand.Quote(baselinePath)}";
        return new BaselineOutcome(baselinePath, baseline, Judge(comparison, failOnNonStrict), refresh);
    }
}
