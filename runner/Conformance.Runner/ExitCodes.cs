namespace Conformance.Runner;

/// <summary>The runner's exit codes; CI gates read them.</summary>
internal static class ExitCodes
{
    /// <summary>No case is fail or error (nor non-strict under --fail-on non-strict).</summary>
    public const int Success = 0;
    /// <summary>Some case is fail or error, or the target died mid-run.</summary>
    public const int Failures = 1;
    /// <summary>Usage error, invalid catalogue, empty selection, or a target that cannot be reached at all.</summary>
    public const int Usage = 2;
    /// <summary>Interrupted (Ctrl-C); partial results were written, marked complete: false.</summary>
    public const int Interrupted = 130;
}
