using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.ReportSite.Tests.Fixtures;

/// <summary>Builds results the way a run records them, and loads the built-in catalogue of the checkout.</summary>
internal static class Reports
{
    private static readonly Lazy<CatalogueSet> Builtin = new(() =>
        CatalogueLoader.Load(CatalogueLoader.FindBuiltinDirectory(TestContext.CurrentContext.TestDirectory)
            ?? throw new InvalidOperationException("no cases/ folder above the test binaries")));

    // Never connects: with the upgrade refused (401) every case becomes an error before any connection is opened.
    private static readonly Executor Offline = new(
        new RunOptions { Target = new Uri("ws://127.0.0.1:9001/") }, Redactor.None, definition => $"conformance run ws://127.0.0.1:9001/ --case {definition.Id} --seed 1");

    private static readonly Capabilities Refused = Capabilities.Unknown with { RefusedStatus = 401 };

    /// <summary>The catalogue in cases/, loaded once per test process.</summary>
    public static CatalogueSet Catalogue => Builtin.Value;

    /// <summary>The catalogue's definition of a case.</summary>
    public static CaseDefinition Definition(string id) => Catalogue.Cases.Single(c => c.Id == id);

    /// <summary>A run against <paramref name="url"/> holding <paramref name="cases"/>.</summary>
    public static RunReport Run(string url, IReadOnlyList<CaseResult> cases, ImplementationInfo? implementation = null) => new()
    {
        Run = new RunInfo
        {
            Tool = "conformance 0.1.0",
            Catalogue = new CatalogueInfo { Version = Catalogue.Version, Hash = Catalogue.Hash },
            Target = new TargetInfo { Url = url },
            Implementation = implementation ?? new ImplementationInfo(),
            Seed = 1,
            Complete = true,
            StartedAt = new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.Zero),
            DurationMs = 4210,
        },
        Cases = cases,
    };

    /// <summary>The result of a catalogue case with its verdict, as the executor writes it (wire log attached separately).</summary>
    public static CaseResult Result(CaseDefinition definition, Verdict verdict, string observed = "as required")
    {
        // The executor copies the definition into the result; the verdict and evidence are then the sample's own.
        var (result, _) = Offline.RunOneAsync(definition, Refused, CancellationToken.None).GetAwaiter().GetResult();
        return result with
        {
            Verdict = verdict,
            Expected = "the server fails the connection: a Close (1002) or a TCP close within 3000 ms",
            Observed = observed,
            Annotations = [],
            DurationMs = 12.5,
            Metrics = new Dictionary<string, double> { ["bytesOut"] = 211, ["bytesIn"] = 129 },
        };
    }
}
