using Conformance.Suite.Results;

namespace Conformance.Runner.Gate;

/// <summary>The runner's exit codes; CI gates read them.</summary>
internal static class ExitCodes
{
    /// <summary>No case is fail or error (nor non-strict under --fail-on non-strict).</summary>
    public const int Success = 0;
    /// <summary>Some case is fail or error, or the target died mid-run; with --baseline (or compare --fail-on-regression), a regression only.</summary>
    public const int Failures = 1;
    /// <summary>
    /// Usage error, invalid catalogue, empty selection, a target that cannot be reached at all, or a baseline or
    /// results file that cannot be used.
    /// </summary>
    public const int Usage = 2;
    /// <summary>Interrupted (Ctrl-C); partial results were written, marked complete: false.</summary>
    public const int Interrupted = 130;

    /// <summary>Whether a verdict makes a run (without baseline) exit 1: fail and error, and non-strict under --fail-on non-strict.</summary>
    public static bool Fails(Verdict verdict, bool failOnNonStrict) => Verdicts.Rank(verdict) >= (failOnNonStrict ? 1 : 2);
}
