using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Oracles;

/// <summary>
/// Rules every frame from the peer must follow, checked on each frame as it arrives: a server's frames are unmasked
/// (§5.1), a client's masked with fresh keys (§5.1, §5.3), and both use minimal lengths and no RSV bits (§5.2),
/// control frames of at most 125 bytes and never fragmented (§5.5), a Close reason in UTF-8 (§5.5.1). A
/// violation is an annotation, and decides the verdict only in the cases dedicated to it (their expect lists the
/// check), so one defect does not fail every area.
/// </summary>
internal sealed class InvariantTally(EndpointRole role)
{
    // Frames with the same mask key at least this often, and no other key, cannot be chance: 2^-32 per frame.
    private const int RepeatedKeyFrames = 3;
    private readonly Dictionary<InvariantCheck, (string First, int Count)> violations = [];
    private readonly HashSet<uint> maskKeys = [];
    private int maskedFrames;
    private bool closeSeen;

    /// <summary>Frames other than Close received, so a dedicated case knows it had something to check.</summary>
    public int FramesChecked { get; private set; }

    private string Peer => role == EndpointRole.Client ? "the server" : "the client";

    public void Observe(FrameIn frame)
    {
        var header = frame.Header;
        if (header.Opcode != Opcode.Close)
        {
            FramesChecked++;
        }

        if (role == EndpointRole.Client && header.Masked)
        {
            Add(InvariantCheck.ServerFramesUnmasked, $"§5.1: the server masked a frame ({frame}); \"A server MUST NOT mask any frames that it sends to the client\"");
        }

        if (role == EndpointRole.Server)
        {
            if (!header.Masked)
            {
                Add(InvariantCheck.ClientFramesMasked, $"§5.1: the client sent an unmasked frame ({frame}); \"a client MUST mask all frames that it sends to the server\"");
            }
            else
            {
                maskedFrames++;
                maskKeys.Add(header.MaskKey);
            }
        }

        if (!header.IsMinimalLength)
        {
            Add(InvariantCheck.MinimalLength, $"§5.2: {Peer} wrote a {header.DeclaredLength}-byte length in the {header.EffectiveForm} form; \"the minimal number of bytes MUST be used to encode the length\"");
        }

        if (header.Rsv != 0)
        {
            Add(InvariantCheck.RsvZero, $"§5.2: {Peer} set RSV bits {header.Rsv} on a {Opcodes.Name(header.Opcode)} frame without a negotiated extension");
        }

        if (closeSeen && header.Opcode is Opcode.Text or Opcode.Binary or Opcode.Continuation)
        {
            Add(InvariantCheck.NoDataAfterClose, $"§5.5.1: {Peer} sent a {frame} after its own Close; \"The application MUST NOT send any more data frames after sending a Close frame\"");
        }

        if (Opcodes.IsControl(header.Opcode) && (header.DeclaredLength > FrameCodec.MaxControlPayload || !header.Fin))
        {
            Add(InvariantCheck.ControlFramesValid, $"§5.5: {Peer} sent a {frame}{(header.Fin ? "" : " without FIN")}; \"All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented\"");
        }

        if (header.Opcode == Opcode.Close && frame.Payload.Length > CloseCodes.CodeSize && !System.Text.Unicode.Utf8.IsValid(frame.Payload.AsSpan(CloseCodes.CodeSize)))
        {
            Add(InvariantCheck.CloseReasonUtf8, $"§5.5.1: the reason of {Peer}'s Close is not UTF-8 ({frame}); \"the body MAY contain UTF-8-encoded data with value /reason/\"");
        }

        closeSeen |= header.Opcode == Opcode.Close;
    }

    /// <summary>Turns what was seen into annotations, or violations for the checks the case is dedicated to.</summary>
    public void Judge(CaseRun run)
    {
        if (maskedFrames >= RepeatedKeyFrames && maskKeys.Count == 1)
        {
            Add(InvariantCheck.FreshMaskKeys, $"§5.3: all {maskedFrames} frames of the client carried the same mask key 0x{maskKeys.First():X8}; \"the client MUST pick a fresh masking key\" for each frame");
        }

        var checks = run.Body.Expect.Checks;
        foreach (var (check, (first, count)) in violations)
        {
            var text = count > 1 ? $"{first} (and {count - 1} more frames)" : first;
            var closing = check == InvariantCheck.NoDataAfterClose && run.Body.Expect.Oracle == OracleKind.CloseHandshake;
            if (checks.Contains(check) || closing)
            {
                run.Judgement.Violation(Rules.Wire.For(check), text);
            }
            else
            {
                run.Judgement.Annotate(text);
            }
        }

        if (checks.Any(c => c is InvariantCheck.MinimalLength or InvariantCheck.ServerFramesUnmasked or InvariantCheck.ClientFramesMasked) && FramesChecked == 0)
        {
            run.Judgement.Violation($"no frame came back to check ({run.DescribeState()})");
        }

        if (checks.Contains(InvariantCheck.FreshMaskKeys) && maskedFrames < RepeatedKeyFrames)
        {
            run.Judgement.Violation($"only {maskedFrames} masked frames came back, too few to compare mask keys ({run.DescribeState()})");
        }
    }

    private void Add(InvariantCheck check, string text) =>
        violations[check] = violations.TryGetValue(check, out var seen) ? (seen.First, seen.Count + 1) : (text, 1);
}
