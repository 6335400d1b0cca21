namespace Conformance.Suite.Results;

/// <summary>One case whose verdict differs between two runs, or that only one of the runs has.</summary>
public sealed record CaseChange
{
    /// <summary>Stable case id.</summary>
    public required string Id { get; init; }
    /// <summary>Second segment of the id.</summary>
    public required string Area { get; init; }
    /// <summary>What the tester does (from the later run when it has the case).</summary>
    public required string Title { get; init; }
    /// <summary>The clause checked (from the later run when it has the case).</summary>
    public required string Clause { get; init; }
    /// <summary>The verdict in the earlier run; null for an added case.</summary>
    public Verdict? Before { get; init; }
    /// <summary>The verdict in the later run; null for a removed case.</summary>
    public Verdict? After { get; init; }
}

/// <summary>
/// What changed between two runs, case by case, judged by <see cref="Verdicts.Rank"/>: every list follows the
/// later run's case order (removed cases the earlier run's). Cases whose verdict did not change appear nowhere.
/// </summary>
public sealed record RunComparison
{
    /// <summary>Cases in both runs whose verdict ranks higher (worse) than before.</summary>
    public IReadOnlyList<CaseChange> Regressions { get; init; } = [];
    /// <summary>Cases in both runs whose verdict ranks lower (better) than before.</summary>
    public IReadOnlyList<CaseChange> Improvements { get; init; } = [];
    /// <summary>Cases in both runs with another verdict of the same rank (pass → informational, fail → error).</summary>
    public IReadOnlyList<CaseChange> Changed { get; init; } = [];
    /// <summary>Cases only the later run has.</summary>
    public IReadOnlyList<CaseChange> Added { get; init; } = [];
    /// <summary>Cases only the earlier run has.</summary>
    public IReadOnlyList<CaseChange> Removed { get; init; } = [];

    /// <summary>Compares two reports; the catalogues may differ (cases come and go between versions).</summary>
    public static RunComparison Between(RunReport before, RunReport after) => Between(before.Cases, after.Cases);

    /// <summary>Compares two sets of results by case id; a repeated id counts once, at its first occurrence.</summary>
    public static RunComparison Between(IEnumerable<CaseResult> before, IEnumerable<CaseResult> after)
    {
        // A list beside the dictionary keeps the earlier run's order for the removed cases.
        var earlier = new Dictionary<string, CaseResult>(StringComparer.Ordinal);
        var earlierInOrder = before.Where(r => earlier.TryAdd(r.Id, r)).ToList();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        List<CaseChange> regressions = [], improvements = [], changed = [], added = [];
        foreach (var result in after.Where(r => seen.Add(r.Id)))
        {
            if (!earlier.TryGetValue(result.Id, out var old))
            {
                added.Add(Change(result, null, result.Verdict));
                continue;
            }

            var worse = Verdicts.Rank(result.Verdict) - Verdicts.Rank(old.Verdict);
            var list = worse > 0 ? regressions : worse < 0 ? improvements : result.Verdict != old.Verdict ? changed : null;
            list?.Add(Change(result, old.Verdict, result.Verdict));
        }

        var removed = earlierInOrder.Where(r => !seen.Contains(r.Id)).Select(r => Change(r, r.Verdict, null)).ToList();
        return new RunComparison { Regressions = regressions, Improvements = improvements, Changed = changed, Added = added, Removed = removed };
    }

    private static CaseChange Change(CaseResult result, Verdict? before, Verdict? after) =>
        new() { Id = result.Id, Area = result.Area, Title = result.Title, Clause = result.Clause, Before = before, After = after };
}
