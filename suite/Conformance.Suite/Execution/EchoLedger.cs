using System.Buffers;
using System.Text.Unicode;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>
/// The data an echoing peer owes: the bytes of the valid data frames the case sent, in order, up to the first frame (or
/// the first invalid UTF-8 byte) that breaks the protocol. A peer that relays each fragment as it arrives, or echoes
/// in frames of its own size, sends them after the offending frame was written without carrying on past it (§5.4:
/// frames are processed in order). Echoes are matched as a byte stream, whatever their fragmentation; only the
/// unmatched rest is kept.
/// </summary>
internal sealed class EchoLedger
{
    private const int Utf8Chunk = 64 * 1024;
    private readonly EndpointRole role;
    private readonly Queue<ReadOnlyMemory<byte>> owed = new();
    // How much of the first owed segment has come back.
    private int headUsed;
    private bool stopped;
    private bool diverged;
    private bool messageOpen;
    private bool text;
    // The bytes of a UTF-8 sequence that the previous fragment left incomplete.
    private byte[] carry = [];

    public EchoLedger(EndpointRole role)
    {
        this.role = role;
    }

    /// <summary>Nothing sent from now on is owed (bytes written by hand, a flood, a connection never established).</summary>
    public void Stop() => stopped = true;

    /// <summary>One frame the case wrote, with its payload unmasked.</summary>
    public void Sent(FrameSpec frame, byte[] payload)
    {
        if (stopped)
        {
            return;
        }

        var control = Opcodes.IsControl(frame.Opcode);
        var lengthIsTrue = frame.DeclaredLength is null || frame.DeclaredLength == (ulong)payload.Length;
        var minimal = frame.LengthForm is not { } form || form == FrameCodec.MinimalFormFor((ulong)payload.Length);
        var maskedRight = role == EndpointRole.Client ? frame.Mask != MaskMode.None : frame.Mask == MaskMode.None;
        if (frame.Rsv != 0 || Opcodes.IsReserved(frame.Opcode) || !lengthIsTrue || !minimal || !maskedRight
            || control && (payload.Length > FrameCodec.MaxControlPayload || !frame.Fin))
        {
            stopped = true;
            return;
        }

        if (control)
        {
            // After a Close nothing more is processed (§5.5.1); Pings and Pongs carry no data.
            stopped = frame.Opcode == Opcode.Close;
            return;
        }

        if (frame.Opcode == Opcode.Continuation ? !messageOpen : messageOpen)
        {
            stopped = true;
            return;
        }

        if (frame.Opcode != Opcode.Continuation)
        {
            text = frame.Opcode == Opcode.Text;
            carry = [];
        }

        var valid = text ? ValidUtf8Prefix(payload, frame.Fin) : payload.Length;
        if (valid > 0)
        {
            owed.Enqueue(payload.AsMemory(0, valid));
        }

        stopped = valid < payload.Length;
        messageOpen = !frame.Fin;
    }

    /// <summary>A data frame's payload came: true when every byte of it was owed, in order.</summary>
    public bool Received(ReadOnlySpan<byte> payload)
    {
        var rest = payload;
        while (!diverged && rest.Length > 0)
        {
            if (!owed.TryPeek(out var next))
            {
                diverged = true;
                break;
            }

            var take = Math.Min(rest.Length, next.Length - headUsed);
            diverged = !rest[..take].SequenceEqual(next.Span.Slice(headUsed, take));
            rest = rest[take..];
            headUsed += take;
            if (headUsed == next.Length)
            {
                owed.Dequeue();
                headUsed = 0;
            }
        }

        return !diverged;
    }

    // How many bytes of this text fragment are valid UTF-8 so far: a sequence cut at a fragment's end is owed if the
    // message goes on, and is the offending bytes if the message ends there (§5.6, §8.1).
    private int ValidUtf8Prefix(byte[] payload, bool fin)
    {
        byte[] pending = carry.Length == 0 ? payload : [.. carry, .. payload];
        var chars = new char[Math.Min(pending.Length, Utf8Chunk) + 1];
        var offset = 0;
        while (offset < pending.Length)
        {
            var chunk = pending.AsSpan(offset, Math.Min(Utf8Chunk, pending.Length - offset));
            var last = offset + chunk.Length == pending.Length;
            var status = Utf8.ToUtf16(chunk, chars, out var read, out _, replaceInvalidSequences: false, isFinalBlock: last && fin);
            offset += read;
            if (status == OperationStatus.InvalidData)
            {
                return Math.Max(0, offset - carry.Length);
            }

            if (status == OperationStatus.NeedMoreData && last)
            {
                break;
            }
        }

        carry = pending[offset..];
        return payload.Length;
    }
}
