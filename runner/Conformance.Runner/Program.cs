using System.CommandLine;
using Conformance.Runner;
using Conformance.Runner.Commands;
using Conformance.Runner.Output;
using Conformance.ReferenceServer;

// The command line: run (also the default), list, explain, report, bench, baseline write, compare, serve,
// serve-reference, serve-reports, reports token create|revoke, publish.
// Only this layer prints and chooses exit codes.
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

var runOptions = new RunOptionSet(ciOutputs: true);
var root = new RootCommand("Conformance: WebSocket and REST conformance suite. With no command, runs both catalogues against the bundled reference server.");
runOptions.AddTo(root);
root.SetAction((parse, _) => Run(parse, defaultReport: true));

var run = new Command("run", "Run the catalogue against a target and write results.json");
runOptions.AddTo(run);
run.SetAction((parse, _) => Run(parse, defaultReport: false));
root.Subcommands.Add(run);

var casesDir = new Option<string?>("--cases-dir") { Description = "Folder of extra case files" };
var listArea = new Option<string[]>("--area") { Description = "Only this area (repeatable)" };
var listAutobahn = new Option<bool>("--autobahn") { Description = "Print Autobahn|Testsuite case id -> case id instead" };
var list = new Command("list", "Print the catalogue: id, level, clause, title") { casesDir, listArea, listAutobahn };
list.SetAction(parse => CatalogueCommands.List(new Terminal(false, false), parse.GetValue(casesDir), parse.GetValue(listArea) ?? [], parse.GetValue(listAutobahn)));
root.Subcommands.Add(list);

var caseId = new Argument<string>("case-id") { Description = "The id of the case, e.g. ws.frame.rsv1-on-text" };
var explain = new Command("explain", "Print one case: requirement, clause, level, steps and expectation") { caseId, casesDir };
explain.SetAction(parse => CatalogueCommands.Explain(new Terminal(false, false), parse.GetValue(casesDir), parse.GetValue(caseId)!));
root.Subcommands.Add(explain);

var resultsFiles = new Argument<string[]>("results") { Description = "results.json files, one per target (a column each)", Arity = ArgumentArity.OneOrMore };
var siteOut = new Option<string>("--out", "-o") { Description = "Folder of the site (created; an earlier report there is replaced)", Required = true };
var report = new Command("report", "Write the static HTML report site from results.json files") { resultsFiles, siteOut, casesDir };
report.SetAction(async (parse, _) => await ReportCommand.RunAsync(parse.GetValue(resultsFiles) ?? [], parse.GetValue(siteOut)!, parse.GetValue(casesDir), new Terminal(false, false), interrupt.Token));
root.Subcommands.Add(report);

var benchOptions = new RunOptionSet(ciOutputs: false);
var iterations = new Option<int>("--iterations", "-n") { Description = "How many times to run the selection", DefaultValueFactory = _ => 5 };
var benchSite = new Option<string?>("--site") { Description = "Instead of running cases, write the report site for --copies copies of this results.json N times" };
var copies = new Option<int>("--copies") { Description = "With --site: how many targets (copies of the results file) the site shows", DefaultValueFactory = _ => 10 };
var bench = new Command("bench", "Run the selection N times against a target and print wall time and cases/s (or, with --site, time the report site)") { iterations, benchSite, copies };
benchOptions.AddTo(bench);
bench.SetAction(async (parse, _) =>
{
    var settings = RunSettings.Parse(parse, benchOptions, out var problem);
    var count = parse.GetValue(iterations);
    if (problem is not null || count is < 1 or > 1000 || parse.GetValue(copies) is < 1 or > 100)
    {
        new Terminal(false, false).Error(problem ?? "--iterations must be 1 to 1000 and --copies 1 to 100");
        return ExitCodes.Usage;
    }

    if (parse.GetValue(benchSite) is { } site)
    {
        return await BenchCommand.SiteAsync(site, parse.GetValue(copies), count, new Terminal(false, false), interrupt.Token);
    }

    return await BenchCommand.RunAsync(settings, count, new Terminal(false, false), interrupt.Token);
});
root.Subcommands.Add(bench);

var resultsFile = new Argument<string>("results") { Description = "A results.json written by run" };
var baselineOut = new Option<string>("--out", "-o") { Description = "The baseline file to write", Required = true };
var reasons = new Option<string[]>("--reason") { Description = "Why a case has its verdict, CASE-ID=TEXT (repeatable), e.g. the ticket of a known bug" };
var baselineWrite = new Command("write", "Accept every case's verdict in a results file as the baseline for run --baseline") { resultsFile, baselineOut, reasons };
baselineWrite.SetAction((parse, _) => BaselineCommand.WriteAsync(new Terminal(false, false), parse.GetValue(resultsFile)!, parse.GetValue(baselineOut)!, parse.GetValue(reasons) ?? []));
root.Subcommands.Add(new Command("baseline", "Baselines: the verdicts accepted for a target, so that run --baseline fails only on regressions") { baselineWrite });

var before = new Argument<string>("before") { Description = "The earlier results.json (A)" };
var after = new Argument<string>("after") { Description = "The later results.json (B)" };
var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "Exit 1 when B regressed against A" };
var compareOut = new Option<string?>("--out", "-o") { Description = "Also write a report site of both runs with a diff page into this folder" };
var compare = new Command("compare", "Print what changed between two results files: regressions, improvements, other changes, added and removed cases") { before, after, failOnRegression, compareOut };
compare.SetAction(async (parse, _) => await CompareCommand.RunAsync(new Terminal(false, false), parse.GetValue(before)!, parse.GetValue(after)!, parse.GetValue(failOnRegression), parse.GetValue(compareOut), interrupt.Token));
root.Subcommands.Add(compare);

var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 9001 };
var defect = new Option<string>("--defect") { Description = "Serve with one deliberate defect (fixture server): " + string.Join(", ", Enum.GetNames<Defect>()), DefaultValueFactory = _ => nameof(Defect.None) };
var variant = new Option<string>("--variant") { Description = "Serve with one legitimate choice the RFCs allow (allowed variant): " + string.Join(", ", Enum.GetNames<Variant>()), DefaultValueFactory = _ => nameof(Variant.None) };
var serve = new Command("serve-reference", "Serve the bundled reference server (WebSocket echo and REST API) until Ctrl-C") { port, defect, variant };
serve.SetAction(async (parse, _) =>
{
    if (!Enum.TryParse<Defect>(parse.GetValue(defect), ignoreCase: true, out var chosen))
    {
        new Terminal(false, false).Error($"--defect '{parse.GetValue(defect)}' is not one of {string.Join(", ", Enum.GetNames<Defect>())}");
        return ExitCodes.Usage;
    }

    if (!Enum.TryParse<Variant>(parse.GetValue(variant), ignoreCase: true, out var choice))
    {
        new Terminal(false, false).Error($"--variant '{parse.GetValue(variant)}' is not one of {string.Join(", ", Enum.GetNames<Variant>())}");
        return ExitCodes.Usage;
    }

    await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Port = parse.GetValue(port), Defect = chosen, Variant = choice }, CancellationToken.None);
    Console.WriteLine($"reference server ({chosen}, variant {choice}) at {server.WebSocketUri} (WebSocket echo) and {server.RestUri} (REST API; profile fixtures/rest/reference.profile.yaml); Ctrl-C stops it");
    try
    {
        await Task.Delay(Timeout.Infinite, interrupt.Token);
    }
    catch (OperationCanceledException)
    {
        // Ctrl-C: the normal way to stop serving.
    }

    return ExitCodes.Success;
});
root.Subcommands.Add(serve);
root.Subcommands.Add(ServeCommand.Create(interrupt.Token));
root.Subcommands.Add(ReportServiceCommands.Serve(interrupt.Token));
root.Subcommands.Add(ReportServiceCommands.Reports(interrupt.Token));
root.Subcommands.Add(PublishCommand.Create(interrupt.Token));

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"error: {error.Message}");
    }

    Console.Error.WriteLine("Try './run.sh --help'.");
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });

async Task<int> Run(ParseResult parse, bool defaultReport)
{
    var settings = RunSettings.Parse(parse, runOptions, out var problem) with { DefaultReport = defaultReport };
    var terminal = new Terminal(settings.Quiet, settings.Verbose);
    if (problem is not null)
    {
        terminal.Error(problem);
        return ExitCodes.Usage;
    }

    var outcome = await RunPipeline.ExecuteAsync(settings, terminal, writeResults: true, interrupt.Token);
    return outcome.ExitCode;
}
