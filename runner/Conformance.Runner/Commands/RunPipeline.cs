using System.Diagnostics;
using Conformance.Runner.Gate;
using Conformance.Runner.Output;
using Conformance.Runner.Reporters;
using Conformance.ReferenceServer;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;

namespace Conformance.Runner.Commands;

/// <summary>The outcome of one run: the report (null when nothing ran) and the exit code it implies.</summary>
internal sealed record PipelineOutcome(RunReport? Report, int ExitCode, string? ResultsPath);

/// <summary>
/// catalogue → selection → target (or the embedded reference server) → preflight → executor → RunReport →
/// the reporters the settings ask for (<see cref="RunReporters"/>) → the exit code (<see cref="RunGate"/>).
/// </summary>
internal static class RunPipeline
{
    public static string ToolVersion => "conformance " + (typeof(RunPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    public static async Task<PipelineOutcome> ExecuteAsync(RunSettings settings, Terminal terminal, Func<string, string?> variable, bool writeResults, CancellationToken cancellationToken)
    {
        // Read before anything runs: a bad baseline is a usage error found at once, not after the whole run.
        Baseline? baseline = null;
        if (settings.Baseline is { } baselinePath && (baseline = Baseline.Read(baselinePath, out var problem)) is null)
        {
            terminal.Error(problem!);
            return new PipelineOutcome(null, ExitCodes.Usage, null);
        }

        var catalogue = CatalogueLocator.Load(settings.CasesDir, terminal);
        if (catalogue is null)
        {
            return new PipelineOutcome(null, ExitCodes.Usage, null);
        }

        var selected = Selection.Apply(catalogue.Cases, settings);
        if (selected.Count == 0)
        {
            terminal.Error("the selection matches no case (check --cases, --area and --level; './run.sh list' shows the catalogue)");
            return new PipelineOutcome(null, ExitCodes.Usage, null);
        }

        // A client run judges the browser against the suite's own server: no target, bundled or given.
        await using var embedded = settings.Target is null && settings.Client is null ? await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions(), cancellationToken) : null;
        var parts = settings.Client is null
            ? Parts(settings, selected, embedded, terminal)
            : [(ClientRun.Prepare(settings, new CatalogueInfo { Version = catalogue.Version, Hash = catalogue.Hash }, selected), selected.ToList())];
        if (parts is null)
        {
            return new PipelineOutcome(null, ExitCodes.Usage, null);
        }

        using var disposeParts = new CompositeDisposable(parts.Select(p => p.Run));
        var redactor = parts[0].Run.Redactor;
        var targetText = settings.Client is { } judgedClient ? $"client:{judgedClient}" : redactor.Apply((settings.Target ?? embedded!.BaseUri).ToString());
        var total = parts.Sum(p => p.Cases.Count);
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        terminal.Line($"[bold]Conformance[/] {Terminal.Safe(ToolVersion)} · catalogue {Terminal.Safe(catalogue.Version)} · {total} cases · target {Terminal.Safe(targetText)}{(embedded is null ? "" : " (bundled reference server)")}");

        try
        {
            foreach (var part in parts)
            {
                await part.Run.PreflightAsync(cancellationToken);
                terminal.Line($"preflight: {Terminal.Safe(part.Run.Detail)}");
            }
        }
        catch (TargetUnreachableException e)
        {
            terminal.Error($"the target cannot be reached: {redactor.Apply(e.Message)}");
            return new PipelineOutcome(null, ExitCodes.Usage, null);
        }
        catch (Conformance.Interop.Browser.BrowserUnavailableException e)
        {
            terminal.Error($"the browser cannot be started: {e.Message}");
            return new PipelineOutcome(null, ExitCodes.Usage, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new PipelineOutcome(null, ExitCodes.Interrupted, null);
        }

        var execution = await ProgressView.RunAsync(terminal, total, async progress =>
        {
            var cases = new List<CaseResult>();
            foreach (var part in parts)
            {
                var done = await part.Run.RunAsync(part.Cases, progress, cancellationToken);
                cases.AddRange(done.Cases);
                if (!done.Complete)
                {
                    return new ExecutionResult(cases, Complete: false);
                }
            }

            return new ExecutionResult(cases, Complete: true);
        });
        var report = new RunReport
        {
            Run = new RunInfo
            {
                Tool = ToolVersion,
                Catalogue = new CatalogueInfo { Version = catalogue.Version, Hash = catalogue.Hash },
                Target = new TargetInfo { Url = targetText, Server = parts.Select(p => p.Run.Server).FirstOrDefault(server => server is not null) },
                Implementation = new ImplementationInfo
                {
                    Name = settings.Name ?? settings.Client ?? (embedded is null ? null : "conformance-reference-server"),
                    Version = settings.ImplVersion ?? parts.Select(p => p.Run).OfType<ClientRun>().Select(c => c.ClientVersion).FirstOrDefault()
                        ?? (embedded is null ? null : ToolVersion.Split(' ')[1]),
                },
                Seed = settings.Seed,
                Options = settings.Recorded(redactor),
                Capabilities = parts.SelectMany(p => p.Run.Capabilities).DistinctBy(c => c.Key).ToDictionary(),
                Complete = execution.Complete,
                StartedAt = startedAt,
                DurationMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
            },
            Cases = execution.Cases,
        };

        var path = writeResults ? Path.Combine(settings.Out ?? Path.Combine("out", $"run-{startedAt:yyyyMMdd-HHmmss}"), "results.json") : null;
        var gate = baseline is null || path is null ? null : BaselineGate.Evaluate(settings.Baseline!, baseline, report, path, settings.FailOnNonStrict);
        var reporters = RunReporters.For(settings, catalogue, path, variable);
        var outcomes = await RunReporters.WriteAllAsync(reporters, report, new ReportContext(settings, terminal, path, gate), cancellationToken);
        var exit = RunGate.ExitCode(report, settings.FailOnNonStrict, gate?.Gate, outcomes);
        return new PipelineOutcome(report, exit, path);
    }

    /// <summary>
    /// The protocol parts of a run: a ws:// target runs the WebSocket cases, an http(s):// target with --rest-profile
    /// the REST cases, and the bundled reference server both (its REST API with the profile shipped beside the
    /// catalogue). Client cases (ws.client.*) judge a client, not a target: the serve command runs them and a run
    /// leaves them out. Null, after printing why, when the selection leaves nothing to run or a profile is unusable.
    /// </summary>
    private static List<(ProtocolRun Run, List<CaseDefinition> Cases)>? Parts(RunSettings settings, IReadOnlyList<CaseDefinition> selected, ReferenceServer.ReferenceServer? embedded, Terminal terminal)
    {
        var browserCases = selected.Where(c => c.Kind == CaseKind.Browser).ToList();
        var webSocketCases = selected.Where(c => c.Kind == CaseKind.Wire).ToList();
        var restCases = selected.Where(c => c.Kind == CaseKind.Rest).ToList();
        if (webSocketCases.Count == 0 && restCases.Count == 0 && browserCases.Count == 0)
        {
            terminal.Error($"the selection has only client cases (ws.client.*), which judge a client: serve them with './run.sh serve' and connect the client");
            return null;
        }

        var parts = new List<(ProtocolRun Run, List<CaseDefinition> Cases)>();
        if (embedded is not null)
        {
            if (webSocketCases.Count > 0)
            {
                parts.Add((WebSocketRun.Prepare(settings, embedded.WebSocketUri, embedded: true), webSocketCases));
            }

            if (restCases.Count > 0)
            {
                // A bundled profile that cannot be read is a broken checkout: say so rather than run half the job.
                if (RestRun.Prepare(settings, settings.RestProfile ?? BundledRestProfile(), embedded.BaseUri, terminal, embedded: true) is not { } bundled)
                {
                    parts.ForEach(p => p.Run.Dispose());
                    return null;
                }

                parts.Add((bundled, restCases));
            }
        }
        else if (settings.RestProfile is { } profile)
        {
            if (restCases.Count == 0)
            {
                terminal.Error("the selection has no REST case (rest.*) to run with --rest-profile");
                return null;
            }

            if (RestRun.Prepare(settings, profile, settings.Target!, terminal, embedded: false) is not { } rest)
            {
                return null;
            }

            parts.Add((rest, restCases));
        }
        else if (webSocketCases.Count > 0)
        {
            parts.Add((WebSocketRun.Prepare(settings, settings.Target!, embedded: false), webSocketCases));
        }
        else if (browserCases.Count == 0)
        {
            terminal.Error("the selection has only REST cases (rest.*): give the API's --target http://... and --rest-profile FILE");
            return null;
        }

        if (browserCases.Count > 0)
        {
            var webSocketTarget = embedded?.WebSocketUri ?? settings.Target!;
            if (webSocketTarget.Scheme is not ("ws" or "wss"))
            {
                terminal.Error($"the browser cases need a ws:// or wss:// --target, not {webSocketTarget.Scheme}://");
                parts.ForEach(p => p.Run.Dispose());
                return null;
            }

            if (BrowserRun.Prepare(settings, webSocketTarget, terminal, embedded is not null) is not { } browser)
            {
                parts.ForEach(p => p.Run.Dispose());
                return null;
            }

            parts.Add((browser, browserCases));
        }

        return parts.Count > 0 ? parts : null;
    }

    /// <summary>The profile of the bundled reference REST API, kept in fixtures/rest beside the catalogue.</summary>
    private static string BundledRestProfile() =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(CatalogueLocator.Find()!))!, "fixtures", "rest", "reference.profile.yaml");
}
