using Conformance.Runner.Commands;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Runner.Reporters;

/// <summary><c>--report SITE</c> (and the default job's OUT/report): the static HTML report of this run.</summary>
internal sealed class SiteReporter(CatalogueSet catalogue, string site) : IReporter
{
    public async Task<ReporterOutcome> WriteAsync(RunReport report, ReportContext context, CancellationToken cancellationToken) =>
        await ReportCommand.WriteAsync([report], catalogue, site, context.Terminal, CancellationToken.None) is null ? ReporterOutcome.WriteFailed : ReporterOutcome.Done;
}
