using System.Text.Json;
using Conformance.Suite.Results;

namespace Conformance.Runner.Gate;

/// <summary>One case of a baseline: the verdict accepted for it and, optionally, why (e.g. the ticket of a known bug).</summary>
internal sealed record BaselineEntry
{
    public required Verdict Verdict { get; init; }
    public string? Reason { get; init; }
}

/// <summary>
/// The verdicts a project has accepted, written by <c>baseline write</c> from a results file: <c>run --baseline</c>
/// then fails only on regressions against it (see <see cref="BaselineGate"/>).
/// </summary>
internal sealed record Baseline
{
    /// <summary>The version of this format; a file of another version is refused.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required CatalogueInfo Catalogue { get; init; }
    /// <summary>The target of the run it was written from (secrets already redacted there).</summary>
    public required string Target { get; init; }
    public DateTimeOffset WrittenAt { get; init; }
    /// <summary>Case id → accepted verdict, in the results' case order.</summary>
    public required IReadOnlyDictionary<string, BaselineEntry> Cases { get; init; }

    /// <summary>The baseline of a run: every case's verdict, with the reasons given per case id.</summary>
    public static Baseline From(RunReport report, IReadOnlyDictionary<string, string> reasons, DateTimeOffset writtenAt) => new()
    {
        Catalogue = report.Run.Catalogue,
        Target = report.Run.Target.Url,
        WrittenAt = writtenAt,
        Cases = report.Cases.ToDictionary(c => c.Id, c => new BaselineEntry { Verdict = c.Verdict, Reason = reasons.GetValueOrDefault(c.Id) }, StringComparer.Ordinal),
    };

    /// <summary>Writes the file atomically, in the words and casing of results.json.</summary>
    public static Task WriteAsync(Baseline baseline, string path) =>
        AtomicFile.WriteAsync(path, stream => JsonSerializer.SerializeAsync(stream, baseline, ResultsJson.Options));

    /// <summary>Reads a baseline; null (with a message naming the file) when it is missing, malformed or of another version.</summary>
    public static Baseline? Read(string path, out string? problem) =>
        InputFile.Read<Baseline>(path, "baseline file", CurrentSchemaVersion,
            root => InputFile.IsResults(root) ? $"is a results file; write a baseline from it with ./run.sh baseline write {path} --out FILE" : null,
            b => b.Cases.Values.Any(e => e is null) ? "a case has null instead of a verdict" : null, out problem);

    /// <summary>
    /// The accepted verdicts as case results, so <see cref="RunComparison"/> can hold them against a run. A baseline
    /// knows no titles or clauses: the comparison takes those from the run, and only a removed case lacks them.
    /// </summary>
    public IEnumerable<CaseResult> AsResults() => Cases.Select(c => new CaseResult
    {
        Id = c.Key,
        Area = c.Key.Split('.') is { Length: > 1 } segments ? segments[1] : "",
        Title = "",
        Clause = "",
        Verdict = c.Value.Verdict,
    });
}
