using Conformance.Runner.Gate;
using Conformance.Runner.Output;
using Conformance.Runner.Reporters;
using Conformance.ReferenceServer;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution.Scheduling;
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
        var catalogueInfo = new CatalogueInfo { Version = catalogue.Version, Hash = catalogue.Hash };
        var runners = settings.Client is null ? Runners(settings, selected, embedded, terminal) : [KindRunners.Client(settings, catalogueInfo, selected)];
        if (runners is null)
        {
            return new PipelineOutcome(null, ExitCodes.Usage, null);
        }

        await using var disposeRunners = new AsyncDisposables(runners);
        var redactor = runners[0].Redactor;
        var targetText = settings.Client is { } judgedClient ? $"client:{judgedClient}" : redactor.Apply((settings.Target ?? embedded!.BaseUri).ToString());
        var run = new SuiteRun(selected, runners);
        terminal.Line($"[bold]Conformance[/] {Terminal.Safe(ToolVersion)} · catalogue {Terminal.Safe(catalogue.Version)} · {run.Total} cases · target {Terminal.Safe(targetText)}{(embedded is null ? "" : " (bundled reference server)")}");

        try
        {
            await run.PreflightAsync(preflight => terminal.Line($"preflight: {Terminal.Safe(preflight.Detail)}"), cancellationToken);
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

        var description = new RunDescription
        {
            Tool = ToolVersion,
            Catalogue = catalogueInfo,
            Target = targetText,
            Implementation = new ImplementationInfo
            {
                Name = settings.Name ?? settings.Client ?? (embedded is null ? null : "conformance-reference-server"),
                Version = settings.ImplVersion ?? (embedded is null ? null : ToolVersion.Split(' ')[1]),
            },
            Seed = settings.Seed,
            Options = settings.Recorded(redactor),
        };
        var report = await ProgressView.RunAsync(terminal, run.Total, progress => run.RunAsync(description, progress, cancellationToken));

        var path = writeResults ? Path.Combine(settings.Out ?? Path.Combine("out", $"run-{report.Run.StartedAt:yyyyMMdd-HHmmss}"), "results.json") : null;
        var gate = baseline is null || path is null ? null : BaselineGate.Evaluate(settings.Baseline!, baseline, report, path, settings.FailOnNonStrict);
        var reporters = RunReporters.For(settings, catalogue, path, variable);
        var outcomes = await RunReporters.WriteAllAsync(reporters, report, new ReportContext(settings, terminal, path, gate), cancellationToken);
        var exit = RunGate.ExitCode(report, settings.FailOnNonStrict, gate?.Gate, outcomes);
        return new PipelineOutcome(report, exit, path);
    }

    /// <summary>
    /// The runners of a run, in the order their cases run: a ws:// target runs the WebSocket cases, an http(s):// target with --rest-profile
    /// the REST cases, and the bundled reference server both (its REST API with the profile shipped beside the
    /// catalogue). Client cases (ws.client.*) judge a client, not a target: the serve command runs them and a run
    /// leaves them out. Null, after printing why, when the selection leaves nothing to run or a profile is unusable.
    /// </summary>
    private static List<ICaseRunner>? Runners(RunSettings settings, IReadOnlyList<CaseDefinition> selected, ReferenceServer.ReferenceServer? embedded, Terminal terminal)
    {
        var browserCases = selected.Where(c => c.Kind == CaseKind.Browser).ToList();
        var webSocketCases = selected.Where(c => c.Kind == CaseKind.Wire).ToList();
        var restCases = selected.Where(c => c.Kind == CaseKind.Rest).ToList();
        if (webSocketCases.Count == 0 && restCases.Count == 0 && browserCases.Count == 0)
        {
            terminal.Error($"the selection has only client cases (ws.client.*), which judge a client: serve them with './run.sh serve' and connect the client");
            return null;
        }

        var parts = new List<ICaseRunner>();
        if (embedded is not null)
        {
            if (webSocketCases.Count > 0)
            {
                parts.Add(KindRunners.WebSocket(settings, embedded.WebSocketUri, embedded: true));
            }

            if (restCases.Count > 0)
            {
                // A bundled profile that cannot be read is a broken checkout: say so rather than run half the job.
                if (KindRunners.Rest(settings, settings.RestProfile ?? BundledRestProfile(), embedded.BaseUri, terminal, embedded: true) is not { } bundled)
                {
                    return Abandon(parts);
                }

                parts.Add(bundled);
            }
        }
        else if (settings.RestProfile is { } profile)
        {
            if (restCases.Count == 0)
            {
                terminal.Error("the selection has no REST case (rest.*) to run with --rest-profile");
                return null;
            }

            if (KindRunners.Rest(settings, profile, settings.Target!, terminal, embedded: false) is not { } rest)
            {
                return null;
            }

            parts.Add(rest);
        }
        else if (webSocketCases.Count > 0)
        {
            parts.Add(KindRunners.WebSocket(settings, settings.Target!, embedded: false));
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
                return Abandon(parts);
            }

            if (KindRunners.Browser(settings, webSocketTarget, terminal, embedded is not null) is not { } browser)
            {
                return Abandon(parts);
            }

            parts.Add(browser);
        }

        return parts.Count > 0 ? parts : null;
    }

    // Only the WebSocket and REST runners can be made before a later one fails, and both release at once.
    private static List<ICaseRunner>? Abandon(List<ICaseRunner> made)
    {
        made.ForEach(runner => runner.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return null;
    }

    /// <summary>The profile of the bundled reference REST API, kept in fixtures/rest beside the catalogue.</summary>
    private static string BundledRestProfile() =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(CatalogueLocator.Find()!))!, "fixtures", "rest", "reference.profile.yaml");
}
