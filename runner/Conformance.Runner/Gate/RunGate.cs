using Conformance.Runner.Reporters;
using Conformance.Suite.Results;

namespace Conformance.Runner.Gate;

/// <summary>
/// The exit code of a finished run (README "Exit codes"), decided once from the report, the baseline's gate and
/// what the reporters managed to write. Earlier failures (bad options, no catalogue, an unreachable target) never
/// reach here: the pipeline stops with <see cref="ExitCodes.Usage"/> before a report exists.
/// </summary>
internal static class RunGate
{
    public static int ExitCode(RunReport report, bool failOnNonStrict, GateOutcome? baseline, IReadOnlyCollection<ReporterOutcome> reporters) =>
        // Interrupted first: the results are partial, so neither their verdicts nor an upload (skipped) can speak.
        !report.Run.Complete ? ExitCodes.Interrupted
        // A refused upload before a failed write: CI must not believe a run was published when it was not.
        : reporters.Contains(ReporterOutcome.UploadRefused) ? ExitCodes.Failures
        : reporters.Contains(ReporterOutcome.WriteFailed) ? ExitCodes.Usage
        : baseline is not null ? baseline.Regressed ? ExitCodes.Failures : ExitCodes.Success
        : report.Cases.Any(c => ExitCodes.Fails(c.Verdict, failOnNonStrict)) ? ExitCodes.Failures
        : ExitCodes.Success;
}
