using System.CommandLine;
using Conformance.Runner.Commands;
using Conformance.Runner.Gate;

namespace Conformance.Runner;

/// <summary>
/// The command line: run (also the default), list, explain, report, bench, baseline write, compare, serve,
/// serve-reference, serve-reports, reports token create|revoke, publish. Only this layer prints and chooses exit codes.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl-C: stop scheduling cases and write partial results; a second one kills the process.
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                interrupt.Cancel();
            }
        };
        return await RunAsync(args, CommandHost.ForProcess(interrupt.Token));
    }

    /// <summary>
    /// Parses and runs one command line against <paramref name="host"/>'s terminal and environment, returning the exit
    /// code: the process's entry, and the tests' in-process one.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CommandHost host)
    {
        var parsed = Commands(host).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Two options can share a range message (serve's ranges); say it once.
            foreach (var message in parsed.Errors.Select(e => e.Message).Distinct())
            {
                host.Terminal.Error(message);
            }

            host.Terminal.Errors.WriteLine("Try './run.sh --help'.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration
        {
            ProcessTerminationTimeout = null,
            Output = host.Terminal.Console.Profile.Out.Writer,
            Error = host.Terminal.Errors,
        });
    }

    private static RootCommand Commands(CommandHost host)
    {
        var runOptions = new RunOptionSet(ciOutputs: true, host.Variable);
        var root = new RootCommand("Conformance: WebSocket and REST conformance suite. With no command, runs both catalogues against the bundled reference server.");
        runOptions.AddTo(root);
        root.SetAction((parse, _) => RunAsync(parse, runOptions, host, defaultReport: true));

        var run = new Command("run", "Run the catalogue against a target and write results.json");
        runOptions.AddTo(run);
        run.SetAction((parse, _) => RunAsync(parse, runOptions, host, defaultReport: false));
        root.Subcommands.Add(run);

        var terminal = host.Terminal;
        var casesDir = CommonOptions.CasesDir("Folder of extra case files");
        var listArea = new Option<string[]>("--area") { Description = "Only this area (repeatable)" };
        var listAutobahn = new Option<bool>("--autobahn") { Description = "Print Autobahn|Testsuite case id -> case id instead" };
        var list = new Command("list", "Print the catalogue: id, level, clause, title") { casesDir, listArea, listAutobahn };
        list.SetAction(parse => CatalogueCommands.List(terminal, parse.GetValue(casesDir), parse.GetValue(listArea) ?? [], parse.GetValue(listAutobahn)));
        root.Subcommands.Add(list);

        var caseId = new Argument<string>("case-id") { Description = "The id of the case, e.g. ws.frame.rsv1-on-text" };
        var explain = new Command("explain", "Print one case: requirement, clause, level, steps and expectation") { caseId, casesDir };
        explain.SetAction(parse => CatalogueCommands.Explain(terminal, parse.GetValue(casesDir), parse.GetValue(caseId)!));
        root.Subcommands.Add(explain);

        var resultsFiles = new Argument<string[]>("results") { Description = "results.json files, one per target (a column each)", Arity = ArgumentArity.OneOrMore };
        var siteOut = new Option<string>("--out", "-o") { Description = "Folder of the site (created; an earlier report there is replaced)", Required = true };
        var report = new Command("report", "Write the static HTML report site from results.json files") { resultsFiles, siteOut, casesDir };
        report.SetAction(async (parse, _) => await ReportCommand.RunAsync(parse.GetValue(resultsFiles) ?? [], parse.GetValue(siteOut)!, parse.GetValue(casesDir), terminal, host.Interrupt));
        root.Subcommands.Add(report);

        root.Subcommands.Add(BenchCommand.Create(host));

        var resultsFile = new Argument<string>("results") { Description = "A results.json written by run" };
        var baselineOut = new Option<string>("--out", "-o") { Description = "The baseline file to write", Required = true };
        var reasons = new Option<string[]>("--reason") { Description = "Why a case has its verdict, CASE-ID=TEXT (repeatable), e.g. the ticket of a known bug" };
        var baselineWrite = new Command("write", "Accept every case's verdict in a results file as the baseline for run --baseline") { resultsFile, baselineOut, reasons };
        baselineWrite.SetAction((parse, _) => BaselineCommand.WriteAsync(terminal, parse.GetValue(resultsFile)!, parse.GetValue(baselineOut)!, parse.GetValue(reasons) ?? []));
        root.Subcommands.Add(new Command("baseline", "Baselines: the verdicts accepted for a target, so that run --baseline fails only on regressions") { baselineWrite });

        var before = new Argument<string>("before") { Description = "The earlier results.json (A)" };
        var after = new Argument<string>("after") { Description = "The later results.json (B)" };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "Exit 1 when B regressed against A" };
        var compareOut = new Option<string?>("--out", "-o") { Description = "Also write a report site of both runs with a diff page into this folder" };
        var compare = new Command("compare", "Print what changed between two results files: regressions, improvements, other changes, added and removed cases") { before, after, failOnRegression, compareOut };
        compare.SetAction(async (parse, _) => await CompareCommand.RunAsync(terminal, parse.GetValue(before)!, parse.GetValue(after)!, parse.GetValue(failOnRegression), parse.GetValue(compareOut), host.Interrupt));
        root.Subcommands.Add(compare);

        root.Subcommands.Add(ServeReferenceCommand.Create(host));
        root.Subcommands.Add(ServeCommand.Create(host));
        root.Subcommands.Add(ReportServiceCommands.Serve(host));
        root.Subcommands.Add(ReportServiceCommands.Reports(host));
        root.Subcommands.Add(PublishCommand.Create(host));
        return root;
    }

    private static async Task<int> RunAsync(ParseResult parse, RunOptionSet runOptions, CommandHost host, bool defaultReport)
    {
        var settings = RunSettings.From(parse, runOptions) with { DefaultReport = defaultReport };
        var terminal = host.Terminal.With(settings.Quiet, settings.Verbose);
        var outcome = await RunPipeline.ExecuteAsync(settings, terminal, host.Variable, writeResults: true, host.Interrupt);
        return outcome.ExitCode;
    }
}
