using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>Something that came from the target (or failed to) after the handshake.</summary>
public abstract record Inbound
{
    /// <summary>Milliseconds since the case started.</summary>
    public double AtMs { get; init; }
}

/// <summary>A whole frame; the payload is unmasked when the frame was masked.</summary>
public sealed record FrameIn(FrameHeader Header, byte[] Payload) : Inbound
{
    /// <summary>A short description for observed texts.</summary>
    public override string ToString() =>
        Header.Opcode == Opcode.Close ? CloseBody.Describe(Payload) : $"{Opcodes.Name(Header.Opcode)} frame ({Payload.Length} bytes{(Header.Fin ? "" : ", FIN clear")})";
}

/// <summary>The connection ended: FIN (<see cref="ReadOutcome.Eof"/>) or reset.</summary>
public sealed record ClosedIn(ReadOutcome How) : Inbound
{
    /// <summary>"TCP closed" or "TCP reset".</summary>
    public override string ToString() => How == ReadOutcome.Eof ? "TCP closed" : "TCP reset";
}

/// <summary>Nothing arrived before the deadline.</summary>
public sealed record TimeoutIn : Inbound
{
    /// <summary>"nothing".</summary>
    public override string ToString() => "nothing";
}

/// <summary>The target sent more than the case allows (or declared a frame larger than that); reading stopped.</summary>
public sealed record FloodIn(long Bytes, string Reason) : Inbound
{
    /// <inheritdoc />
    public override string ToString() => Reason;
}

/// <summary>Reading a Close frame body (§5.5.1, §7.4).</summary>
public static class CloseBody
{
    /// <summary>The status code, or null for an empty or 1-byte body.</summary>
    public static int? Code(ReadOnlySpan<byte> body) => body.Length >= CloseCodes.CodeSize ? body[0] << 8 | body[1] : null;

    /// <summary>The reason bytes after the code.</summary>
    public static ReadOnlySpan<byte> Reason(ReadOnlySpan<byte> body) => body.Length > CloseCodes.CodeSize ? body[CloseCodes.CodeSize..] : [];

    /// <summary>Whether the reason is valid UTF-8 (§5.5.1: "the data MUST be UTF-8-encoded").</summary>
    public static bool ReasonIsUtf8(ReadOnlySpan<byte> body) => System.Text.Unicode.Utf8.IsValid(Reason(body));

    /// <summary>"Close 1002 'reason'" or "Close without a status code", reason bounded.</summary>
    public static string Describe(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0)
        {
            return "Close without a status code";
        }

        if (body.Length == 1)
        {
            return "Close with a 1-byte body (malformed)";
        }

        var reason = Reason(body);
        var text = ReasonIsUtf8(body) ? System.Text.Encoding.UTF8.GetString(reason) : $"invalid UTF-8 0x{Convert.ToHexString(reason)}";
        if (text.Length > 60)
        {
            text = text[..60] + "…";
        }

        return reason.Length == 0 ? $"Close {Code(body)}" : $"Close {Code(body)} '{text}'";
    }
}
