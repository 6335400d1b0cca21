namespace Conformance.Suite.Wire;

/// <summary>RFC 6455 §5.2 opcodes. Values 3-7 and 11-15 are reserved; the codec writes them on request.</summary>
public enum Opcode : byte
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}

/// <summary>Classification helpers for opcodes, including reserved ones.</summary>
public static class Opcodes
{
    /// <summary>The largest value a 4-bit opcode field can hold.</summary>
    public const byte MaxValue = 0xF;

    /// <summary>§5.5: "Control frames are identified by opcodes where the most significant bit of the opcode is 1."</summary>
    public static bool IsControl(Opcode opcode) => ((byte)opcode & 0x8) != 0;

    /// <summary>§5.2: %x3-7 are reserved for further non-control frames, %xB-F for further control frames.</summary>
    public static bool IsReserved(Opcode opcode) => (byte)opcode is >= 0x3 and <= 0x7 or >= 0xB and <= 0xF;

    /// <summary>A name for logs and reports: the enum name, or "reserved-0xN".</summary>
    public static string Name(Opcode opcode) =>
        IsReserved(opcode) ? $"reserved-0x{(byte)opcode:X}" : opcode.ToString().ToLowerInvariant();
}
