using System.Diagnostics;
using Conformance.ReportSite;
using Conformance.Runner.Gate;
using Conformance.Runner.Output;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Runner.Commands;

/// <summary>
/// Runs the selected catalogue N times against one target and prints case count, tallies, wall time and cases/s;
/// or, with --site, writes the report site for K copies of a results file N times and prints pages/s.
/// </summary>
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

    /// <summary>Site generation: <paramref name="copies"/> targets (copies of one results file) per site, written <paramref name="iterations"/> times.</summary>
    public static async Task<int> SiteAsync(string resultsPath, int copies, int iterations, Terminal terminal, CancellationToken cancellationToken)
    {
        RunReport source;
        try
        {
            source = SiteInput.ReadResults(resultsPath);
        }
        catch (SiteException e)
        {
            terminal.Error(e.Message);
            return ExitCodes.Usage;
        }

        var catalogue = CatalogueLocator.Find() is { } directory ? CatalogueLoader.Load(directory) : null;
        var runs = Enumerable.Range(1, copies)
            .Select(n => source with { Run = source.Run with { Implementation = new ImplementationInfo { Name = $"copy {n}", Version = source.Run.Implementation.Version } } })
            .ToList();
        var input = new SiteInput { Runs = runs, Catalogue = catalogue, Generator = RunPipeline.ToolVersion };
        var folder = Path.Combine(Path.GetTempPath(), $"conformance-bench-site-{Environment.ProcessId}");
        var writer = terminal.Console.Profile.Out.Writer;
        var warm = new List<double>();
        try
        {
            for (var i = 1; i <= iterations; i++)
            {
                var outcome = await SiteWriter.WriteAsync(input, folder, cancellationToken: cancellationToken);
                var bytes = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
                var seconds = outcome.Elapsed.TotalSeconds;
                writer.WriteLine(FormattableString.Invariant(
                    $"site {i}/{iterations}: {copies} targets x {source.Cases.Count} cases, {outcome.Files} files, {bytes / (1024.0 * 1024):0.0} MiB in {seconds:0.000} s ({outcome.Files / seconds:0} files/s){(i == 1 ? " (includes compiling the templates)" : "")}"));
                if (i > 1)
                {
                    warm.Add(seconds);
                }
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        warm.Sort();
        var summary = warm.Count == 0 ? "run with -n 2 or more for figures without the template compilation"
            : FormattableString.Invariant($"warm min {warm[0]:0.000} s, median {warm[warm.Count / 2]:0.000} s, max {warm[^1]:0.000} s");
        writer.WriteLine(FormattableString.Invariant($"bench site: {copies} results files x {source.Cases.Count} cases, {iterations} writes, {summary}, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB"));
        return ExitCodes.Success;
    }
}
