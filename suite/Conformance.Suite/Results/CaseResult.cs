using Conformance.Suite.Catalogue;

namespace Conformance.Suite.Results;

/// <summary>The outcome of one case against one target; immutable, serialised once into results.json.</summary>
public sealed record CaseResult
{
    /// <summary>Stable case id.</summary>
    public required string Id { get; init; }
    /// <summary>The case revision the verdict was reached with.</summary>
    public int Rev { get; init; } = 1;
    /// <summary>Second segment of the id.</summary>
    public required string Area { get; init; }
    /// <summary>The kind of case (wire, client, rest, browser); null in results files written before it was recorded.</summary>
    public CaseKind? Kind { get; init; }
    /// <summary>What the tester does.</summary>
    public required string Title { get; init; }
    /// <summary>The quoted requirement the case checks (from the catalogue), so a results file explains itself.</summary>
    public string Requirement { get; init; } = "";
    /// <summary>The clause checked, e.g. "RFC6455 5.2".</summary>
    public required string Clause { get; init; }
    /// <summary>The case's requirement level.</summary>
    public RequirementLevel Level { get; init; }
    /// <summary>The verdict.</summary>
    public Verdict Verdict { get; init; }
    /// <summary>What the requirement asks for, in words.</summary>
    public string Expected { get; init; } = "";
    /// <summary>What the target did, in words (bounded; may contain target-supplied text).</summary>
    public string Observed { get; init; } = "";
    /// <summary>How many times the case ran (a verdict reached by a timeout is re-run once).</summary>
    public int Attempts { get; init; } = 1;
    /// <summary>Wall time of the last attempt.</summary>
    public double DurationMs { get; init; }
    /// <summary>Figures such as bytes sent and received or round-trip time.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>Remarks that did not decide the verdict, e.g. invariant violations seen on the way.</summary>
    public IReadOnlyList<string> Annotations { get; init; } = [];
    /// <summary>The bounded wire log; attached to every result that is not a pass.</summary>
    public IReadOnlyList<WireEvent> Wire { get; init; } = [];
    /// <summary>A command that re-runs just this case with the same seed and options.</summary>
    public string Rerun { get; init; } = "";
    /// <summary>"builtin" for the shipped catalogue, "custom" for files given with --cases-dir.</summary>
    public string Source { get; init; } = "builtin";
}
