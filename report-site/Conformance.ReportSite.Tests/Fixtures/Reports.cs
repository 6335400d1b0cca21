using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.ReportSite.Tests.Fixtures;

/// <summary>Builds results the way a run records them, from the definitions of the checkout's catalogue.</summary>
internal static class Reports
{
    // Never connects: with the upgrade refused (401) every case becomes an error before any connection is opened.
    private static readonly Executor Offline = new(
        new RunOptions { Target = new Uri("ws://127.0.0.1:9001/") }, Redactor.None, definition => $"conformance run ws://127.0.0.1:9001/ --case {definition.Id} --seed 1");

    private static readonly Capabilities Refused = Capabilities.Unknown with { RefusedStatus = 401 };

    /// <summary>A run against <paramref name="url"/> holding <paramref name="cases"/>.</summary>
    public static RunReport Run(string url, IReadOnlyList<CaseResult> cases, ImplementationInfo? implementation = null) => SampleResults.Report(cases, SampleResults.Run with
    {
        Catalogue = new CatalogueInfo { Version = Repository.Catalogue.Version, Hash = Repository.Catalogue.Hash },
        Target = new TargetInfo { Url = url },
        Implementation = implementation ?? new ImplementationInfo(),
        Seed = 1,
        StartedAt = new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.Zero),
        DurationMs = 4210,
    });

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
