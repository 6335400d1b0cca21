using System.CommandLine;
using System.Runtime.InteropServices;
using Conformance.Interop.ClientSide;
using Conformance.Runner.Gate;
using Conformance.Suite.ClientSide;
using Conformance.Runner.Output;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.Runner.Commands;

/// <summary>
/// serve: the suite as a server for clients. Runs the client cases (ws.client.*) for every client that connects
/// until Ctrl-C or SIGTERM, then writes one results.json per agent.
/// </summary>
internal static class ServeCommand
{
    private static readonly Option<int> Port = new("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 9002 };
    private static readonly Option<string[]> Cases = new("--cases") { Description = "Only client cases whose id matches this glob (repeatable), e.g. 'ws.client.close-*'" };
    private static readonly Option<string[]> Area = new("--area") { Description = "Only cases of this area (client cases are all in area client)" };
    private static readonly Option<string?> Out = new("--out", "-o") { Description = "Folder for AGENT/results.json (default: out/serve-TIMESTAMP)" };
    private static readonly Option<int> TimeoutMs = new("--timeout-ms") { Description = "Per-case timeout from the accepted connection", DefaultValueFactory = _ => (int)RunOptions.DefaultTimeout.TotalMilliseconds };
    private static readonly Option<int> SilenceMs = new("--silence-ms") { Description = "How long a 'nothing happens' check waits", DefaultValueFactory = _ => (int)RunOptions.DefaultSilence.TotalMilliseconds };
    private static readonly Option<int> ReportGraceMs = new("--report-grace-ms") { Description = "How long a case waits for the client's report after its connection ended", DefaultValueFactory = _ => (int)ClientCaseOptions.DefaultReportGrace.TotalMilliseconds };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of generated payloads", DefaultValueFactory = _ => RunOptionSet.DefaultSeed };
    private static readonly Option<string?> CasesDir = new("--cases-dir") { Description = "Folder of extra case files" };

    public static Command Create(CancellationToken interrupt)
    {
        var command = new Command("serve", "Serve the client cases (ws.client.*) for any WebSocket client until Ctrl-C; then write AGENT/results.json")
        {
            Port, Cases, Area, Out, TimeoutMs, SilenceMs, ReportGraceMs, Seed, CasesDir,
        };
        command.SetAction((parse, _) => RunAsync(parse, new Terminal(false, false), interrupt));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Terminal terminal, CancellationToken interrupt)
    {
        var (port, timeout, silence, grace) = (parse.GetValue(Port), parse.GetValue(TimeoutMs), parse.GetValue(SilenceMs), parse.GetValue(ReportGraceMs));
        if (port is < 0 or > 65535 || timeout is < 50 or > 600_000 || silence is < 10 or > 600_000 || grace is < 0 or > 600_000)
        {
            terminal.Error("--port must be 0 to 65535, --timeout-ms 50 to 600000, --silence-ms 10 to 600000 and --report-grace-ms 0 to 600000");
            return ExitCodes.Usage;
        }

        var catalogue = CatalogueLocator.Load(parse.GetValue(CasesDir), terminal);
        if (catalogue is null)
        {
            return ExitCodes.Usage;
        }

        var selection = new RunSettings { CaseGlobs = parse.GetValue(Cases) ?? [], Areas = parse.GetValue(Area) ?? [], FullTier = true };
        var selected = Selection.Apply(catalogue.Cases, selection).Where(c => c.IsClientSide).ToList();
        if (selected.Count == 0)
        {
            terminal.Error("the selection matches no client case (ws.client.*; './run.sh list --area client' shows them)");
            return ExitCodes.Usage;
        }

        var options = new ClientServerOptions
        {
            Port = port,
            Cases = selected,
            Catalogue = new CatalogueInfo { Version = catalogue.Version, Hash = catalogue.Hash },
            Tool = RunPipeline.ToolVersion,
            Seed = parse.GetValue(Seed),
            Timeout = TimeSpan.FromMilliseconds(timeout),
            Silence = TimeSpan.FromMilliseconds(silence),
            ReportGrace = TimeSpan.FromMilliseconds(grace),
        };
        ClientCaseServer server;
        try
        {
            server = await ClientCaseServer.StartAsync(options, interrupt);
        }
        catch (IOException e)
        {
            terminal.Error($"cannot listen on 127.0.0.1:{port}: {e.Message} (choose another --port, or 0 for any free one)");
            return ExitCodes.Usage;
        }

        await using (server)
        {
            var startedAt = DateTimeOffset.UtcNow;
            terminal.Line($"[bold]Conformance[/] client-case server at {Terminal.Safe(server.BaseUri.ToString())} · {selected.Count} client cases · catalogue {Terminal.Safe(catalogue.Version)}");
            terminal.Line($"cases: {Terminal.Safe(new Uri(server.BaseUri, "cases?agent=NAME").ToString())} (each with its ws:// url)");
            terminal.Line($"drive a client: connect to each case's url, echo every message, then POST what its API saw to /report/ID?agent=NAME; e.g. node fixtures/ws/client-driver.js {Terminal.Safe(server.BaseUri.ToString().TrimEnd('/'))} ws");
            terminal.Line("Ctrl-C stops the server and writes the results");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
            using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                // SIGTERM stops serving like Ctrl-C: the results are written before the process ends.
                context.Cancel = true;
                stop.Cancel();
            }))
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: the normal way to stop serving.
                }
            }

            var directory = parse.GetValue(Out) ?? Path.Combine("out", $"serve-{startedAt:yyyyMMdd-HHmmss}");
            foreach (var agent in server.Agents)
            {
                var path = Path.Combine(directory, agent, "results.json");
                var report = server.Report(agent);
                await ResultsJson.WriteAsync(report, path, CancellationToken.None);
                var tallies = string.Join(", ", report.Cases.GroupBy(c => c.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Verdicts.Word(g.Key)}"));
                terminal.Line($"{Terminal.Safe(agent)}: {report.Cases.Count}/{selected.Count} cases ({Terminal.Safe(tallies)}) → {Terminal.Safe(Path.GetFullPath(path))}");
            }

            if (server.Agents.Count == 0)
            {
                terminal.Line("no client ran a case; nothing written");
            }
        }

        return ExitCodes.Success;
    }
}
