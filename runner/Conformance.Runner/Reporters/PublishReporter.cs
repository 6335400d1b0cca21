using Conformance.Runner.Commands;
using Conformance.Runner.Gate;
using Conformance.Suite.Results;

namespace Conformance.Runner.Reporters;

/// <summary><c>--publish URL</c>: uploads the results.json just written to a report service; an interrupted run is not published.</summary>
internal sealed class PublishReporter(string resultsPath, string service, string? token) : IReporter
{
    public async Task<ReporterOutcome> WriteAsync(RunReport report, ReportContext context, CancellationToken cancellationToken)
    {
        if (!report.Run.Complete)
        {
            return ReporterOutcome.Done;
        }

        // A refused or failed upload fails the command: CI must not believe a run was published when it was not.
        return await PublishCommand.PublishAsync(resultsPath, service, token, context.Terminal, cancellationToken) switch
        {
            ExitCodes.Success => ReporterOutcome.Done,
            ExitCodes.Failures => ReporterOutcome.UploadRefused,
            _ => ReporterOutcome.WriteFailed,
        };
    }
}
