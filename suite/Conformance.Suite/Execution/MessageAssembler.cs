using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>A data message: opcode of its first frame and the concatenated payload (§5.4).</summary>
public sealed record Message(Opcode Opcode, byte[] Payload, int Frames)
{
    /// <summary>Whether this message has <paramref name="opcode"/> and exactly <paramref name="payload"/>.</summary>
    public bool Is(Opcode opcode, ReadOnlySpan<byte> payload) => Opcode == opcode && Payload.AsSpan().SequenceEqual(payload);

    /// <summary>"text (5 bytes)".</summary>
    public override string ToString() => $"{Opcodes.Name(Opcode)} message ({Payload.Length} bytes{(Frames > 1 ? $" in {Frames} frames" : "")})";
}

/// <summary>Joins data frames into messages (§5.4), noting frames that break the fragmentation rules.</summary>
internal sealed class MessageAssembler
{
    private List<byte[]>? parts;
    private Opcode opcode;

    /// <summary>Feeds a data frame; returns the message it completes, if any.</summary>
    public Message? Add(FrameIn frame, Action<string> anomaly)
    {
        var header = frame.Header;
        if (header.Opcode == Opcode.Continuation)
        {
            if (parts is null)
            {
                anomaly("the target sent a continuation frame with no message to continue (§5.4)");
                return null;
            }
        }
        else
        {
            if (parts is not null)
            {
                anomaly("the target started a new message inside a fragmented one (§5.4)");
            }

            parts = [];
            opcode = header.Opcode;
        }

        parts.Add(frame.Payload);
        if (!header.Fin)
        {
            return null;
        }

        var message = new Message(opcode, Concat(parts), parts.Count);
        parts = null;
        return message;
    }

    /// <summary>The parts in one array (messages reach 16 MiB: no per-byte enumeration).</summary>
    public static byte[] Concat(IReadOnlyList<byte[]> parts)
    {
        var whole = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(whole, offset);
            offset += part.Length;
        }

        return whole;
    }
}
