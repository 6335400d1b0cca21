namespace Conformance.Suite.Wire;

/// <summary>The three forms of the payload length field (§5.2).</summary>
public enum LengthForm
{
    /// <summary>The length in the 7-bit field itself (0-125).</summary>
    Bits7,
    /// <summary>126 followed by a 16-bit length.</summary>
    Bits16,
    /// <summary>127 followed by a 64-bit length.</summary>
    Bits64,
}

/// <summary>
/// A decoded or to-be-encoded frame header. <see cref="Rsv"/> holds RSV1..RSV3 as bits 2..0 (RSV1 = 4).
/// <see cref="DeclaredLength"/> is what the length field says; for a frame we write on purpose with a lie
/// (e.g. the 64-bit MSB set) it can differ from the bytes that follow. <see cref="Form"/> null means the minimal form,
/// which §5.2 requires of a sender: "the minimal number of bytes MUST be used to encode the length".
/// </summary>
public readonly record struct FrameHeader(
    bool Fin,
    byte Rsv,
    Opcode Opcode,
    bool Masked,
    ulong DeclaredLength,
    uint MaskKey = 0,
    LengthForm? Form = null)
{
    /// <summary>RSV1 as a bit in <see cref="Rsv"/>.</summary>
    public const byte Rsv1 = 0b100;
    /// <summary>RSV2 as a bit in <see cref="Rsv"/>.</summary>
    public const byte Rsv2 = 0b010;
    /// <summary>RSV3 as a bit in <see cref="Rsv"/>.</summary>
    public const byte Rsv3 = 0b001;

    /// <summary>Whether the length field uses the shortest form for <see cref="DeclaredLength"/>.</summary>
    public bool IsMinimalLength => EffectiveForm == FrameCodec.MinimalFormFor(DeclaredLength);

    /// <summary>The form written on the wire.</summary>
    public LengthForm EffectiveForm => Form ?? FrameCodec.MinimalFormFor(DeclaredLength);

    /// <summary>§5.2: "the most significant bit MUST be 0" in the 64-bit form.</summary>
    public bool HasLengthMsbSet => EffectiveForm == LengthForm.Bits64 && (DeclaredLength & FrameCodec.Length64Msb) != 0;

    /// <summary>Header size on the wire: 2 bytes, plus 2 or 8 for extended lengths, plus 4 for a mask key.</summary>
    public int Size => 2 + FrameCodec.ExtendedLengthSize(EffectiveForm) + (Masked ? FrameCodec.MaskKeySize : 0);
}
