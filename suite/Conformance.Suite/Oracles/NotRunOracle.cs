using Conformance.Suite.Execution.Scheduling;

namespace Conformance.Suite.Oracles;

/// <summary>
/// The verdict of a case its runner did not run: unimplemented (the target lacks what it checks), a violation of the
/// rule the missing capability breaks (a size limit under 126 bytes), or an error when the run cannot judge anything.
/// </summary>
internal static class NotRunOracle
{
    public static void Judge(NotRun notRun, Judgement judgement)
    {
        judgement.Expected = "(not run)";
        if (notRun.IsError)
        {
            judgement.Error(notRun.Reason);
        }
        else if (notRun.Violates is { } rule)
        {
            judgement.Violation(rule, notRun.Reason);
        }
        else
        {
            judgement.Unimplemented(notRun.Reason);
        }
    }
}
