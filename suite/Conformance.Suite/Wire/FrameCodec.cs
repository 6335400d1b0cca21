using System.Buffers;
using System.Buffers.Binary;

namespace Conformance.Suite.Wire;

/// <summary>
/// The RFC 6455 §5.2 frame codec: pure, span-based, no I/O. It writes whatever header it is given,
/// including frames the RFC forbids (RSV bits, reserved opcodes, unmasked, non-minimal or MSB-set lengths,
/// oversize or fragmented control frames), and parses any header a peer sends.
/// </summary>
public static class FrameCodec
{
    /// <summary>The largest header: 2 bytes + 8-byte extended length + 4-byte mask key.</summary>
    public const int MaxHeaderSize = 14;
    /// <summary>§5.3: the masking key is 32 bits.</summary>
    public const int MaskKeySize = 4;
    /// <summary>§5.5: "All control frames MUST have a payload length of 125 bytes or less".</summary>
    public const int MaxControlPayload = 125;
    /// <summary>Largest length the 7-bit field carries directly.</summary>
    public const int Max7BitLength = 125;
    /// <summary>Largest length of the 16-bit extended form.</summary>
    public const int Max16BitLength = 0xFFFF;
    /// <summary>The 7-bit field value announcing a 16-bit extended length.</summary>
    public const byte Length16Marker = 126;
    /// <summary>The 7-bit field value announcing a 64-bit extended length.</summary>
    public const byte Length64Marker = 127;
    /// <summary>§5.2: the most significant bit of the 64-bit length must be 0.</summary>
    public const ulong Length64Msb = 0x8000_0000_0000_0000;

    private const byte FinBit = 0x80;
    private const byte MaskBit = 0x80;
    private const int RsvShift = 4;
    private const byte OpcodeMask = 0x0F;
    private const byte Length7Mask = 0x7F;

    /// <summary>The shortest form that can carry <paramref name="length"/>.</summary>
    public static LengthForm MinimalFormFor(ulong length) => length switch
    {
        <= Max7BitLength => LengthForm.Bits7,
        <= Max16BitLength => LengthForm.Bits16,
        _ => LengthForm.Bits64,
    };

    /// <summary>Bytes that follow the 7-bit field for a form: 0, 2 or 8.</summary>
    public static int ExtendedLengthSize(LengthForm form) => form switch
    {
        LengthForm.Bits16 => 2,
        LengthForm.Bits64 => 8,
        _ => 0,
    };

    /// <summary>Writes <paramref name="header"/> into <paramref name="destination"/> and returns the bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="FrameHeader.Size"/>, or the
    /// length does not fit the form asked for.</exception>
    public static int WriteHeader(Span<byte> destination, in FrameHeader header)
    {
        var size = header.Size;
        if (destination.Length < size)
        {
            throw new ArgumentException($"A header of {size} bytes does not fit in {destination.Length}.", nameof(destination));
        }

        destination[0] = (byte)((header.Fin ? FinBit : 0) | ((header.Rsv & 0b111) << RsvShift) | ((byte)header.Opcode & OpcodeMask));
        var maskBit = header.Masked ? MaskBit : (byte)0;
        var offset = 2;
        switch (header.EffectiveForm)
        {
            case LengthForm.Bits16:
                if (header.DeclaredLength > Max16BitLength)
                {
                    throw new ArgumentException($"Length {header.DeclaredLength} does not fit the 16-bit form.", nameof(header));
                }

                destination[1] = (byte)(maskBit | Length16Marker);
                BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], (ushort)header.DeclaredLength);
                offset += 2;
                break;
            case LengthForm.Bits64:
                destination[1] = (byte)(maskBit | Length64Marker);
                BinaryPrimitives.WriteUInt64BigEndian(destination[offset..], header.DeclaredLength);
                offset += 8;
                break;
            default:
                if (header.DeclaredLength > Max7BitLength)
                {
                    throw new ArgumentException($"Length {header.DeclaredLength} does not fit the 7-bit form.", nameof(header));
                }

                destination[1] = (byte)(maskBit | (byte)header.DeclaredLength);
                break;
        }

        if (header.Masked)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], header.MaskKey);
            offset += MaskKeySize;
        }

        return offset;
    }

    /// <summary>
    /// Encodes a whole frame: header, then the payload masked with the header's key when it is masked.
    /// The declared length is taken from the header, so a caller may declare a length that differs from the payload.
    /// </summary>
    public static byte[] Encode(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[header.Size + payload.Length];
        var headerSize = WriteHeader(frame, header);
        payload.CopyTo(frame.AsSpan(headerSize));
        if (header.Masked)
        {
            ApplyMask(frame.AsSpan(headerSize), header.MaskKey, 0);
        }

        return frame;
    }

    /// <summary>
    /// Parses a header from the start of <paramref name="source"/>. Returns <see cref="OperationStatus.NeedMoreData"/>
    /// until the whole header is present. Never rejects: judging what was received is the oracles' job.
    /// </summary>
    public static OperationStatus TryReadHeader(ReadOnlySpan<byte> source, out FrameHeader header, out int headerSize)
    {
        header = default;
        headerSize = 0;
        if (source.Length < 2)
        {
            return OperationStatus.NeedMoreData;
        }

        var first = source[0];
        var second = source[1];
        var masked = (second & MaskBit) != 0;
        var length7 = (byte)(second & Length7Mask);
        var form = length7 switch
        {
            Length16Marker => LengthForm.Bits16,
            Length64Marker => LengthForm.Bits64,
            _ => LengthForm.Bits7,
        };
        var size = 2 + ExtendedLengthSize(form) + (masked ? MaskKeySize : 0);
        if (source.Length < size)
        {
            return OperationStatus.NeedMoreData;
        }

        var offset = 2;
        ulong length = length7;
        if (form == LengthForm.Bits16)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(source[offset..]);
            offset += 2;
        }
        else if (form == LengthForm.Bits64)
        {
            length = BinaryPrimitives.ReadUInt64BigEndian(source[offset..]);
            offset += 8;
        }

        uint key = 0;
        if (masked)
        {
            key = BinaryPrimitives.ReadUInt32BigEndian(source[offset..]);
        }

        header = new FrameHeader(
            Fin: (first & FinBit) != 0,
            Rsv: (byte)((first >> RsvShift) & 0b111),
            Opcode: (Opcode)(first & OpcodeMask),
            Masked: masked,
            DeclaredLength: length,
            MaskKey: key,
            Form: form);
        headerSize = size;
        return OperationStatus.Done;
    }

    /// <summary>
    /// §5.3: "Octet i of the transformed data is the XOR of octet i of the original data with octet at index
    /// i modulo 4 of the masking key." <paramref name="offset"/> is the index of the first byte within the payload,
    /// so a payload can be unmasked in pieces.
    /// </summary>
    public static void ApplyMask(Span<byte> data, uint maskKey, long offset)
    {
        if (maskKey == 0)
        {
            return;
        }

        Span<byte> key = stackalloc byte[MaskKeySize];
        BinaryPrimitives.WriteUInt32BigEndian(key, maskKey);
        var start = (int)(offset % MaskKeySize);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] ^= key[(start + i) & 3];
        }
    }
}
