using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Oracles;

/// <summary>
/// Rules every frame from a server must follow. Checked on every case: a violation is an annotation, and decides
/// the verdict only in the cases dedicated to it (their expect lists the check), so one defect does not fail
/// every area.
/// </summary>
internal static class Invariants
{
    public static void Check(CaseRun run)
    {
        var checks = run.Definition.Expect.Checks;
        foreach (var frame in run.Received)
        {
            var header = frame.Header;
            if (header.Masked)
            {
                Report(run, checks, InvariantCheck.ServerFramesUnmasked, $"§5.1: the server masked a frame ({frame}); \"A server MUST NOT mask any frames that it sends to the client\"");
            }

            if (!header.IsMinimalLength)
            {
                Report(run, checks, InvariantCheck.MinimalLength, $"§5.2: the server encoded a {header.DeclaredLength}-byte length in the {header.EffectiveForm} form; \"the minimal number of bytes MUST be used\"");
            }

            if (header.Rsv != 0)
            {
                Report(run, checks, InvariantCheck.RsvZero, $"§5.2: the server set RSV bits {header.Rsv} on a {Opcodes.Name(header.Opcode)} frame without a negotiated extension");
            }
        }

        foreach (var check in checks.Where(c => c == InvariantCheck.MinimalLength || c == InvariantCheck.ServerFramesUnmasked))
        {
            if (!run.Received.Any(f => f.Header.Opcode != Opcode.Close))
            {
                run.Judgement.Violation($"no frame came back to check ({run.DescribeState()})");
                break;
            }
        }
    }

    private static void Report(CaseRun run, IReadOnlyList<InvariantCheck> checks, InvariantCheck check, string text)
    {
        if (checks.Contains(check))
        {
            run.Judgement.Violation(RequirementLevel.Must, text);
        }
        else
        {
            run.Judgement.Annotate(text);
        }
    }
}
