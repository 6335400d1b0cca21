using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Conformance.ReferenceServer.Framing;

/// <summary>
/// The frame edits a stream-level <see cref="Defect"/> applies to one connection: to frames from the client
/// (before the server's WebSocket parses them) and to frames the server sends. Null: untouched.
/// </summary>
/// <param name="ClientFrames">Edits frames from the client.</param>
/// <param name="ServerFrames">Edits frames the server sends.</param>
/// <param name="HoldOpenAfter">When set, the server keeps TCP open once this watch has seen Close frames both ways.</param>
/// <param name="HoldOpenFor">How long it keeps TCP open then; null: until the client closes it.</param>
internal sealed record StreamDefect(FrameEditor? ClientFrames, FrameEditor? ServerFrames, ClosingHandshakeWatch? HoldOpenAfter = null, TimeSpan? HoldOpenFor = null)
{
    /// <summary>True when <paramref name="defect"/> is applied to the byte stream.</summary>
    public static bool Covers(Defect defect) => For(defect) is not null;

    /// <summary>
    /// Fresh edits for one connection under <paramref name="defect"/> (some keep per-connection state),
    /// or null when it is not a stream-level defect.
    /// </summary>
    public static StreamDefect? For(Defect defect) => defect switch
    {
        // A zero key leaves the payload as it is, so the WebSocket reads exactly what was sent.
        Defect.AcceptsUnmaskedFrames => Client(h => h.Masked ? h : h with { Masked = true, MaskKey = 0 }),
        Defect.IgnoresRsvBits => Client(h => h with { Rsv = 0 }),
        Defect.AcceptsReservedOpcodes => Client(h => IsReservedOpcode(h.Opcode) ? null : h),
        Defect.IgnoresLengthMsb => Client(h => h.LengthForm == LengthForm.Extended64 ? h with { Length = h.Length & long.MaxValue } : h),
        Defect.MasksOwnFrames => Server(h => h with { Masked = true, MaskKey = RandomKey() }),
        Defect.NonMinimalLengths => Server(h => h with { LengthForm = LengthForm.Extended64 }),
        Defect.NoUtf8Validation => NoUtf8Validation(),
        Defect.Utf8CheckedPerFrameOnly => new(new PerFrameUtf8Check(), null),
        Defect.AcceptsFragmentedPings => new(new FragmentedControlJoiner(), null),
        Defect.IgnoresPings => Client(h => h.Opcode == Opcode.Ping && h.IsWellFormedClientControl ? null : h),
        Defect.WrongPongPayload => new(null, new PongPayloadCorruption()),
        Defect.AcceptsContinuationWithoutStart => new(new StrayDataFrameDropper(dropContinuationWithoutStart: true, dropInterleavedStart: false), null),
        Defect.AcceptsInterleavedDataFrames => new(new StrayDataFrameDropper(dropContinuationWithoutStart: false, dropInterleavedStart: true), null),
        Defect.AcceptsInvalidCloseCodes => AcceptsInvalidCloseCodes(),
        Defect.NoCloseReply => new(new CloseSwallower(), null),
        Defect.KeepsTcpOpenAfterClose => KeepsTcpOpenAfterClose(null),
        Defect.ClosesTcpLate => KeepsTcpOpenAfterClose(TimeSpan.FromMilliseconds(350)),
        Defect.CloseCodeRewritten => CloseCodeRewritten(),
        Defect.DataAfterClose => new(null, new DataAfterClose()),
        Defect.CloseReasonNotUtf8 => new(null, new CloseReasonNotUtf8()),
        _ => null,
    };

    private static StreamDefect Client(FrameRewrite rewrite) => new(FrameEditor.Headers(rewrite), null);

    private static StreamDefect Server(FrameRewrite rewrite) => new(null, FrameEditor.Headers(rewrite));

    private static StreamDefect NoUtf8Validation()
    {
        var text = new TextAsBinary();
        return new(text.ClientFrames, text.ServerFrames);
    }

    private static StreamDefect AcceptsInvalidCloseCodes()
    {
        var swap = new CloseCodeSwap();
        return new(swap.ClientFrames, swap.ServerFrames);
    }

    private static StreamDefect CloseCodeRewritten()
    {
        var rewrite = new CloseCodeRewrite();
        return new(rewrite.ClientFrames, rewrite.ServerFrames);
    }

    private static StreamDefect KeepsTcpOpenAfterClose(TimeSpan? holdFor)
    {
        var watch = new ClosingHandshakeWatch();
        return new(watch.ClientFrames, watch.ServerFrames, watch, holdFor);
    }

    private static bool IsReservedOpcode(int opcode) => opcode is (>= 0x3 and <= 0x7) or >= 0xB;

    private static uint RandomKey()
    {
        Span<byte> key = stackalloc byte[4];
        RandomNumberGenerator.Fill(key);
        return BinaryPrimitives.ReadUInt32BigEndian(key);
    }
}
