using Conformance.Suite.Results;

namespace Conformance.TestKit;

/// <summary>Hand-built results, as a run records them, for tests of what reads results (reporters, gates, the site, the service).</summary>
public static class SampleResults
{
    /// <summary>A catalogue hash of the shape schemas/results.schema.json requires.</summary>
    public const string CatalogueHash = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>A complete run of catalogue 2026.11.2 against ws://127.0.0.1:9001/echo, seed 6455, started 2026-11-28 16:22 UTC, 1.5 s long.</summary>
    public static RunInfo Run { get; } = new()
    {
        Tool = "conformance 0.1.0",
        Catalogue = new CatalogueInfo { Version = "2026.11.2", Hash = CatalogueHash },
        Target = new TargetInfo { Url = "ws://127.0.0.1:9001/echo" },
        Seed = 6455,
        Complete = true,
        StartedAt = new DateTimeOffset(2026, 11, 28, 16, 22, 0, TimeSpan.Zero),
        DurationMs = 1500,
    };

    /// <summary>A report of <paramref name="cases"/> in <paramref name="run"/> (<see cref="Run"/> when null).</summary>
    public static RunReport Report(IReadOnlyList<CaseResult> cases, RunInfo? run = null) => new() { Run = run ?? Run, Cases = cases };

    /// <summary>A MUST case of RFC6455 5.2 in the area its id names, with <paramref name="verdict"/> and what was <paramref name="observed"/>.</summary>
    public static CaseResult Case(string id, Verdict verdict, string observed, double durationMs = 250) => new()
    {
        Id = id,
        Area = id.Split('.')[1],
        Title = $"Title of {id}",
        Clause = "RFC6455 5.2",
        Level = RequirementLevel.Must,
        Verdict = verdict,
        Expected = "the server fails the connection",
        Observed = observed,
        DurationMs = durationMs,
        Rerun = $"./run.sh run --cases {id} --seed 6455",
    };
}
