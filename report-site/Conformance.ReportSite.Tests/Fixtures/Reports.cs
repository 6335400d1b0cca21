using System.Diagnostics;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;

namespace Conformance.ReportSite.Tests.Fixtures;

/// <summary>Builds results the way a run records them, from the definitions of the checkout's catalogue.</summary>
internal static class Reports
{
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
        // The result copies the definition, as a run's does; the verdict and evidence are then the sample's own.
        var result = CaseResults.From(definition, new Judgement(definition.Level), new WireLog(Redactor.None), new Dictionary<string, double>(), Stopwatch.StartNew(), Redactor.None,
            d => $"conformance run ws://127.0.0.1:9001/ --case {d.Id} --seed 1");
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
