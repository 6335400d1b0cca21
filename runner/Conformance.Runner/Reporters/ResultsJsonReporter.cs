using Conformance.Suite.Results;

namespace Conformance.Runner.Reporters;

/// <summary>results.json, the run's one serialised form (with its schemaVersion); every other output can be rebuilt from it.</summary>
internal sealed class ResultsJsonReporter(string path) : IReporter
{
    public async Task<ReporterOutcome> WriteAsync(RunReport report, ReportContext context, CancellationToken cancellationToken)
    {
        // Written even when interrupted: partial results are marked complete: false, never lost.
        await ResultsJson.WriteAsync(report, path, CancellationToken.None);
        return ReporterOutcome.Done;
    }
}
