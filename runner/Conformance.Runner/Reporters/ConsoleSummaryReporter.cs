using Conformance.Runner.Output;
using Conformance.Suite.Results;
using Spectre.Console;

namespace Conformance.Runner.Reporters;

/// <summary>The end-of-run summary on the terminal: verdicts by area, the cases that did not pass, where the results are.</summary>
internal sealed class ConsoleSummaryReporter : IReporter
{
    public Task<ReporterOutcome> WriteAsync(RunReport report, ReportContext context, CancellationToken cancellationToken)
    {
        var terminal = context.Terminal;
        var verdicts = Enum.GetValues<Verdict>();
        var counts = verdicts.ToDictionary(v => v, v => report.Cases.Count(c => c.Verdict == v));
        var line = string.Join(", ", verdicts.Where(v => counts[v] > 0).Select(v => $"{counts[v]} {Verdicts.Word(v)}"));
        if (!terminal.Quiet)
        {
            var table = new Table().Title("verdicts by area").AddColumn("area");
            foreach (var verdict in verdicts)
            {
                table.AddColumn(new TableColumn(VerdictStyle.Markup(verdict)).RightAligned());
            }

            table.AddColumn(new TableColumn("total").RightAligned());
            foreach (var area in report.Cases.GroupBy(c => c.Area))
            {
                var row = new List<string> { Markup.Escape(area.Key) };
                row.AddRange(verdicts.Select(v => area.Count(c => c.Verdict == v) is var n and > 0 ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "·"));
                row.Add(area.Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
                table.AddRow(row.ToArray());
            }

            terminal.Console.Write(table);
            foreach (var result in report.Cases.Where(c => c.Verdict is Verdict.Fail or Verdict.Error or Verdict.NonStrict))
            {
                terminal.Console.MarkupLine($"  {VerdictStyle.Markup(result.Verdict)} {Markup.Escape(result.Id)} [grey]({Markup.Escape(result.Clause)})[/]: {Terminal.Safe(result.Observed, 300)}");
                terminal.Console.MarkupLine($"    [grey]re-run:[/] {Markup.Escape(result.Rerun)}");
            }
        }

        var complete = report.Run.Complete ? "" : " (interrupted: partial results)";
        terminal.Console.MarkupLine($"{report.Cases.Count} cases in {report.Run.DurationMs / 1000:0.0} s: {line}{complete}");
        if (SizeLimits.Describe(report.Run) is { } limits)
        {
            terminal.Console.MarkupLine($"[yellow]size limits[/]: {Terminal.Safe(limits, 400)}");
        }
        if (context.ResultsPath is not null)
        {
            terminal.Console.MarkupLine($"results: {Markup.Escape(Path.GetFullPath(context.ResultsPath))}");
        }

        return Task.FromResult(ReporterOutcome.Done);
    }
}
