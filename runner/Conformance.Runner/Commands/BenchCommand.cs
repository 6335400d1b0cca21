using System.Diagnostics;
using Conformance.Runner.Output;
using Conformance.Suite.Results;

namespace Conformance.Runner.Commands;

/// <summary>Runs the selected catalogue N times against one target and prints case count, tallies, wall time and cases/s.</summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(RunSettings settings, int iterations, Terminal terminal, CancellationToken cancellationToken)
    {
        var quiet = new Terminal(quiet: true, verbose: false, TextWriter.Null, terminal.Errors);
        var times = new List<double>();
        RunReport? last = null;
        for (var i = 1; i <= iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            var outcome = await RunPipeline.ExecuteAsync(settings, quiet, writeResults: false, cancellationToken);
            if (outcome.Report is null)
            {
                return outcome.ExitCode;
            }

            times.Add(clock.Elapsed.TotalSeconds);
            last = outcome.Report;
            var tallies = string.Join(", ", outcome.Report.Cases.GroupBy(c => c.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Verdicts.Word(g.Key)}"));
            terminal.Console.Profile.Out.Writer.WriteLine(FormattableString.Invariant(
                $"run {i}/{iterations}: {outcome.Report.Cases.Count} cases in {times[^1]:0.000} s ({outcome.Report.Cases.Count / times[^1]:0.0} cases/s): {tallies}"));
        }

        times.Sort();
        var median = times[times.Count / 2];
        terminal.Console.Profile.Out.Writer.WriteLine(FormattableString.Invariant(
            $"bench: target {last!.Run.Target.Url}, {last.Cases.Count} cases, {iterations} runs, wall min {times[0]:0.000} s, median {median:0.000} s, max {times[^1]:0.000} s, {last.Cases.Count / median:0.0} cases/s (median), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB"));
        return ExitCodes.Success;
    }
}
