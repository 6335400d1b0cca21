using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Oracles;

/// <summary>
/// Rules every frame from a server must follow, checked on each frame as it arrives. A violation is an
/// annotation, and decides the verdict only in the cases dedicated to it (their expect lists the check), so
/// one defect does not fail every area.
/// </summary>
internal sealed class InvariantTally
{
    private readonly Dictionary<InvariantCheck, (string First, int Count)> violations = [];

    /// <summary>Frames other than Close received, so a dedicated case knows it had something to check.</summary>
    public int FramesChecked { get; private set; }

    public void Observe(FrameIn frame)
    {
        var header = frame.Header;
        if (header.Opcode != Opcode.Close)
        {
            FramesChecked++;
        }

        if (header.Masked)
        {
            Add(InvariantCheck.ServerFramesUnmasked, $"§5.1: the server masked a frame ({frame}); \"A server MUST NOT mask any frames that it sends to the client\"");
        }

        if (!header.IsMinimalLength)
        {
            Add(InvariantCheck.MinimalLength, $"§5.2: the server wrote a {header.DeclaredLength}-byte length in the {header.EffectiveForm} form; \"the minimal number of bytes MUST be used to encode the length\"");
        }

        if (header.Rsv != 0)
        {
            Add(InvariantCheck.RsvZero, $"§5.2: the server set RSV bits {header.Rsv} on a {Opcodes.Name(header.Opcode)} frame without a negotiated extension");
        }
    }

    /// <summary>Turns what was seen into annotations, or violations for the checks the case is dedicated to.</summary>
    public void Judge(CaseRun run)
    {
        var checks = run.Definition.Expect.Checks;
        foreach (var (check, (first, count)) in violations)
        {
            var text = count > 1 ? $"{first} (and {count - 1} more frames)" : first;
            if (checks.Contains(check))
            {
                run.Judgement.Violation(RequirementLevel.Must, text);
            }
            else
            {
                run.Judgement.Annotate(text);
            }
        }

        if (checks.Any(c => c is InvariantCheck.MinimalLength or InvariantCheck.ServerFramesUnmasked) && FramesChecked == 0)
        {
            run.Judgement.Violation($"no frame came back to check ({run.DescribeState()})");
        }
    }

    private void Add(InvariantCheck check, string text) =>
        violations[check] = violations.TryGetValue(check, out var seen) ? (seen.First, seen.Count + 1) : (text, 1);
}
