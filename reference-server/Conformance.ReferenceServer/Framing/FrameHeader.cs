using System.Buffers.Binary;

namespace Conformance.ReferenceServer.Framing;

/// <summary>Which of the three RFC 6455 §5.2 encodings carries a frame's payload length.</summary>
internal enum LengthForm
{
    /// <summary>The 7-bit field itself (0-125).</summary>
    Inline,

    /// <summary>126 followed by a 16-bit length.</summary>
    Extended16,

    /// <summary>127 followed by a 64-bit length.</summary>
    Extended64,
}

/// <summary>
/// One RFC 6455 frame header as it was on the wire. <see cref="MaskKey"/> holds the four key
/// bytes big-endian (first wire byte in the top bits) and is 0 when <see cref="Masked"/> is false.
/// <see cref="Length"/> is the raw field, so a 64-bit length with its top bit set is kept as is.
/// </summary>
internal readonly record struct FrameHeader(
    bool Fin, int Rsv, int Opcode, bool Masked, uint MaskKey, ulong Length, LengthForm LengthForm)
{
    /// <summary>
    /// A client control frame the WebSocket would accept as to its framing: masked, no RSV bits, not fragmented,
    /// at most 125 bytes (§5.1, §5.2, §5.5). Defects that change how control frames are handled touch only
    /// these, so a malformed one still fails the connection as in the reference.
    /// </summary>
    public bool IsWellFormedClientControl => Masked && Rsv == 0 && Fin && Length <= 125;

    /// <summary>The longest header: 2 fixed bytes, an 8-byte length and a 4-byte key.</summary>
    public const int MaxSize = 14;

    /// <summary>The whole header's size, known from its first two bytes.</summary>
    public static int SizeFromFirstTwoBytes(byte first, byte second) =>
        2 + LengthFieldSize(FormOf(second)) + ((second & 0x80) != 0 ? 4 : 0);

    /// <summary>Reads a complete header (exactly <see cref="SizeFromFirstTwoBytes"/> bytes).</summary>
    public static FrameHeader Decode(ReadOnlySpan<byte> bytes)
    {
        var form = FormOf(bytes[1]);
        var length = form switch
        {
            LengthForm.Extended16 => BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]),
            LengthForm.Extended64 => BinaryPrimitives.ReadUInt64BigEndian(bytes[2..]),
            _ => (ulong)(bytes[1] & 0x7F),
        };
        var masked = (bytes[1] & 0x80) != 0;
        var key = masked ? BinaryPrimitives.ReadUInt32BigEndian(bytes[(2 + LengthFieldSize(form))..]) : 0u;
        return new FrameHeader(
            Fin: (bytes[0] & 0x80) != 0,
            Rsv: (bytes[0] >> 4) & 0x7,
            Opcode: bytes[0] & 0x0F,
            Masked: masked,
            MaskKey: key,
            Length: length,
            LengthForm: form);
    }

    /// <summary>Writes this header in its own length form and returns the number of bytes written.</summary>
    public int Encode(Span<byte> destination)
    {
        destination[0] = (byte)((Fin ? 0x80 : 0) | (Rsv << 4) | Opcode);
        var maskBit = Masked ? 0x80 : 0;
        int position;
        switch (LengthForm)
        {
            case LengthForm.Extended16:
                destination[1] = (byte)(maskBit | 126);
                BinaryPrimitives.WriteUInt16BigEndian(destination[2..], checked((ushort)Length));
                position = 4;
                break;
            case LengthForm.Extended64:
                destination[1] = (byte)(maskBit | 127);
                BinaryPrimitives.WriteUInt64BigEndian(destination[2..], Length);
                position = 10;
                break;
            default:
                // 126 and 127 would be read back as the extended forms.
                ArgumentOutOfRangeException.ThrowIfGreaterThan(Length, 125UL, nameof(Length));
                destination[1] = (byte)(maskBit | (int)Length);
                position = 2;
                break;
        }

        if (Masked)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[position..], MaskKey);
            position += 4;
        }

        return position;
    }

    private static LengthForm FormOf(byte second) => (second & 0x7F) switch
    {
        126 => LengthForm.Extended16,
        127 => LengthForm.Extended64,
        _ => LengthForm.Inline,
    };

    private static int LengthFieldSize(LengthForm form) => form switch
    {
        LengthForm.Extended16 => 2,
        LengthForm.Extended64 => 8,
        _ => 0,
    };
}
