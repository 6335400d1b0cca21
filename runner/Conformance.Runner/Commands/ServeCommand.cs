using System.CommandLine;
using System.Runtime.InteropServices;
using Conformance.Interop.ClientSide;
using Conformance.Runner.Gate;
using Conformance.Suite.ClientSide;
using Conformance.Runner.Output;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.Runner.Commands;

/// <summary>
/// serve: the suite as a server for clients. Runs the client cases (ws.client.*) for every client that connects
/// until Ctrl-C or SIGTERM, then writes one results.json per agent.
/// </summary>
internal static class ServeCommand
{
    private const string Ranges = "--port must be 0 to 65535, --timeout-ms 50 to 600000, --silence-ms 10 to 600000 and --report-grace-ms 0 to 600000";

    public static Command Create(CommandHost host)
    {
        var options = new ServeOptions();
        var command = new Command("serve", "Serve the client cases (ws.client.*) for any WebSocket client until Ctrl-C; then write AGENT/results.json")
        {
            options.Port, options.Cases, options.Area, options.Out, options.TimeoutMs, options.SilenceMs, options.ReportGraceMs, options.Seed, options.CasesDir,
        };
        command.SetAction((parse, _) => RunAsync(parse, options, host.Terminal, host.Interrupt));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ServeOptions o, Terminal terminal, CancellationToken interrupt)
    {
        var (port, timeout, silence, grace) = (parse.GetValue(o.Port), parse.GetValue(o.TimeoutMs), parse.GetValue(o.SilenceMs), parse.GetValue(o.ReportGraceMs));
        var catalogue = CatalogueLocator.Load(parse.GetValue(o.CasesDir), terminal);
        if (catalogue is null)
        {
            return ExitCodes.Usage;
        }

        var selection = new RunSettings { CaseGlobs = parse.GetValue(o.Cases) ?? [], Areas = parse.GetValue(o.Area) ?? [], FullTier = true };
        var selected = Selection.Apply(catalogue.Cases, selection).Where(c => c.Kind == CaseKind.Client).ToList();
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
            Seed = parse.GetValue(o.Seed),
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

            var directory = parse.GetValue(o.Out) ?? Path.Combine("out", $"serve-{startedAt:yyyyMMdd-HHmmss}");
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

    /// <summary>serve's options: those it shares with run declared in <see cref="CommonOptions"/>, with serve's own descriptions.</summary>
    private sealed class ServeOptions
    {
        public Option<int> Port { get; } = CommonOptions.InRange(new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 9002 }, 0, 65535, Ranges);
        public Option<string[]> Cases { get; } = CommonOptions.Cases("Only client cases whose id matches this glob (repeatable), e.g. 'ws.client.close-*'");
        public Option<string[]> Area { get; } = CommonOptions.Area("Only cases of this area (client cases are all in area client)");
        public Option<string?> Out { get; } = CommonOptions.Out("Folder for AGENT/results.json (default: out/serve-TIMESTAMP)");
        public Option<int> TimeoutMs { get; } = CommonOptions.TimeoutMs("Per-case timeout from the accepted connection", Ranges);
        public Option<int> SilenceMs { get; } = CommonOptions.SilenceMs(Ranges);
        public Option<int> ReportGraceMs { get; } = CommonOptions.InRange(
            new Option<int>("--report-grace-ms") { Description = "How long a case waits for the client's report after its connection ended", DefaultValueFactory = _ => (int)ClientCaseOptions.DefaultReportGrace.TotalMilliseconds }, 0, 600_000, Ranges);
        public Option<int> Seed { get; } = CommonOptions.Seed("Seed of generated payloads");
        public Option<string?> CasesDir { get; } = CommonOptions.CasesDir("Folder of extra case files");
    }
}
