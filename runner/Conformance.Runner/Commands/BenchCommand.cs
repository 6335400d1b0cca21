using System.CommandLine;
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
    private const string Ranges = "--iterations must be 1 to 1000 and --copies 1 to 100";

    public static Command Create(CommandHost host)
    {
        var runOptions = new RunOptionSet(ciOutputs: false, host.Variable);
        var iterations = new Option<int>("--iterations", "-n") { Description = "How many times to run the selection", DefaultValueFactory = _ => 5 };
        var site = new Option<string?>("--site") { Description = "Instead of running cases, write the report site for --copies copies of this results.json N times" };
        var copies = new Option<int>("--copies") { Description = "With --site: how many targets (copies of the results file) the site shows", DefaultValueFactory = _ => 10 };
        CommonOptions.InRange(iterations, 1, 1000, Ranges);
        CommonOptions.InRange(copies, 1, 100, Ranges);
        var bench = new Command("bench", "Run the selection N times against a target and print wall time and cases/s (or, with --site, time the report site)") { iterations, site, copies };
        runOptions.AddTo(bench);
        bench.SetAction(async (parse, _) => parse.GetValue(site) is { } results
            ? await SiteAsync(results, parse.GetValue(copies), parse.GetValue(iterations), host.Terminal, host.Interrupt)
            : await RunAsync(RunSettings.From(parse, runOptions), parse.GetValue(iterations), host));
        return bench;
    }

    private static async Task<int> RunAsync(RunSettings settings, int iterations, CommandHost host)
    {
        var (terminal, cancellationToken) = (host.Terminal, host.Interrupt);
        var quiet = terminal.Silenced();
        var times = new List<double>();
        RunReport? last = null;
        for (var i = 1; i <= iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            var outcome = await RunPipeline.ExecuteAsync(settings, quiet, host.Variable, writeResults: false, cancellationToken);
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
    private static async Task<int> SiteAsync(string resultsPath, int copies, int iterations, Terminal terminal, CancellationToken cancellationToken)
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
