using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Conformance.ReferenceServer.Framing;

/// <summary>
/// The frame rewrites a stream-level <see cref="Defect"/> applies: to frames from the client
/// (before the server's WebSocket parses them) and to frames the server sends. Null: untouched.
/// </summary>
internal sealed record StreamDefect(FrameRewrite? ClientFrames, FrameRewrite? ServerFrames)
{
    /// <summary>The rewrites for <paramref name="defect"/>, or null when it is not a stream-level defect.</summary>
    public static StreamDefect? For(Defect defect) => defect switch
    {
        // A zero key leaves the payload as it is, so the WebSocket reads exactly what was sent.
        Defect.AcceptsUnmaskedFrames => new(h => h.Masked ? h : h with { Masked = true, MaskKey = 0 }, null),
        Defect.IgnoresRsvBits => new(h => h with { Rsv = 0 }, null),
        Defect.AcceptsReservedOpcodes => new(h => IsReservedOpcode(h.Opcode) ? null : h, null),
        Defect.IgnoresLengthMsb => new(
            h => h.LengthForm == LengthForm.Extended64 ? h with { Length = h.Length & long.MaxValue } : h, null),
        Defect.MasksOwnFrames => new(null, h => h with { Masked = true, MaskKey = RandomKey() }),
        Defect.NonMinimalLengths => new(null, h => h with { LengthForm = LengthForm.Extended64 }),
        _ => null,
    };

    private static bool IsReservedOpcode(int opcode) => opcode is (>= 0x3 and <= 0x7) or >= 0xB;

    private static uint RandomKey()
    {
        Span<byte> key = stackalloc byte[4];
        RandomNumberGenerator.Fill(key);
        return BinaryPrimitives.ReadUInt32BigEndian(key);
    }
}
