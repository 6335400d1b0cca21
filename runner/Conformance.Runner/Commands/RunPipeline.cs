using System.Diagnostics;
using Conformance.Runner.Output;
using Conformance.ReferenceServer;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;

namespace Conformance.Runner.Commands;

/// <summary>The outcome of one run: the report (null when nothing ran) and the exit code it implies.</summary>
internal sealed record PipelineOutcome(RunReport? Report, int ExitCode, string? ResultsPath);

/// <summary>
/// catalogue → selection → target (or the embedded reference server) → preflight → executor → results.json.
/// Only this layer turns results into an exit code.
/// </summary>
internal static class RunPipeline
{
    public static string ToolVersion => "conformance " + (typeof(RunPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    public static async Task<PipelineOutcome> ExecuteAsync(RunSettings settings, Terminal terminal, bool writeResults, CancellationToken cancellationToken)
    {
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

        await using var embedded = settings.Target is null ? await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions(), cancellationToken) : null;
        var target = settings.Target ?? embedded!.WebSocketUri;
        var redactor = Redactor.For(target, settings.Headers.Select(h => (h.Name, h.Value)));
        var options = settings.ToRunOptions(target);
        var executor = new Executor(options, redactor, RerunCommand.For(settings, redactor, embedded is not null));
        var startedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        terminal.Line($"[bold]Conformance[/] {Terminal.Safe(ToolVersion)} · catalogue {Terminal.Safe(catalogue.Version)} · {selected.Count} cases · target {Terminal.Safe(redactor.Apply(target.ToString()))}{(embedded is null ? "" : " (bundled reference server)")}");

        Capabilities capabilities;
        try
        {
            capabilities = await executor.PreflightAsync(cancellationToken);
        }
        catch (TargetUnreachableException e)
        {
            terminal.Error($"the target cannot be reached: {redactor.Apply(e.Message)}");
            return new PipelineOutcome(null, ExitCodes.Usage, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new PipelineOutcome(null, ExitCodes.Interrupted, null);
        }

        terminal.Line($"preflight: {Terminal.Safe(capabilities.Detail)}");
        var execution = await ProgressView.RunAsync(terminal, selected.Count, progress => executor.RunAsync(selected, capabilities, progress, cancellationToken));
        var report = new RunReport
        {
            Run = new RunInfo
            {
                Tool = ToolVersion,
                Catalogue = new CatalogueInfo { Version = catalogue.Version, Hash = catalogue.Hash },
                Target = new TargetInfo { Url = redactor.Apply(target.ToString()), Server = capabilities.Server },
                Implementation = new ImplementationInfo
                {
                    Name = settings.Name ?? (embedded is null ? null : "conformance-reference-server"),
                    Version = settings.ImplVersion ?? (embedded is null ? null : ToolVersion.Split(' ')[1]),
                },
                Seed = settings.Seed,
                Options = settings.Recorded(redactor),
                Capabilities = capabilities.ToDictionary(),
                Complete = execution.Complete,
                StartedAt = startedAt,
                DurationMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
            },
            Cases = execution.Cases,
        };

        string? path = null;
        if (writeResults)
        {
            var directory = settings.Out ?? Path.Combine("out", $"run-{startedAt:yyyyMMdd-HHmmss}");
            path = Path.Combine(directory, "results.json");
            // Written even when interrupted: partial results are marked complete: false, never lost.
            await ResultsJson.WriteAsync(report, path, CancellationToken.None);
        }

        Summary.Print(terminal, report, path);
        var reportWritten = true;
        if (writeResults && (settings.Report ?? (settings.DefaultReport ? Path.Combine(Path.GetDirectoryName(path)!, "report") : null)) is { } site)
        {
            reportWritten = await ReportCommand.WriteAsync([report], catalogue, site, terminal, CancellationToken.None) is not null;
        }

        var exit = !execution.Complete ? ExitCodes.Interrupted
            : !reportWritten ? ExitCodes.Usage
            : report.Cases.Any(c => c.Verdict is Verdict.Fail or Verdict.Error || settings.FailOnNonStrict && c.Verdict == Verdict.NonStrict) ? ExitCodes.Failures
            : ExitCodes.Success;
        return new PipelineOutcome(report, exit, path);
    }
}
