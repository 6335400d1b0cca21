using Conformance.Runner.Output;
using Conformance.Suite.Results;

namespace Conformance.Runner.Reporters;

/// <summary><c>--baseline</c> on the terminal: each change against the baseline, the counts, and how to accept them.</summary>
internal sealed class BaselineConsoleReporter : IReporter
{
    public Task<ReporterOutcome> WriteAsync(RunReport report, ReportContext context, CancellationToken cancellationToken)
    {
        if (context.Baseline is not { } outcome)
        {
            return Task.FromResult(ReporterOutcome.Done);
        }

        var terminal = context.Terminal;
        if (outcome.Baseline.Catalogue.Hash != report.Run.Catalogue.Hash)
        {
            terminal.Line($"[grey]the baseline was written with catalogue {Terminal.Safe(outcome.Baseline.Catalogue.Version)} ({Terminal.Safe(outcome.Baseline.Catalogue.Hash)}); cases added or changed since show as added or changed[/]");
        }

        ComparisonView.Print(terminal, outcome.Gate, $"baseline {Terminal.Safe(outcome.BaselinePath)}");
        if (!terminal.Quiet && outcome.Gate.Sections.Any(s => s.Changes.Count > 0))
        {
            terminal.Raw($"to accept these verdicts as the baseline: {Terminal.Clean(outcome.RefreshCommand, 2000)}");
        }

        return Task.FromResult(ReporterOutcome.Done);
    }
}
