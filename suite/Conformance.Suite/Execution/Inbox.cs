using System.Buffers;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>
/// Turns the bytes a target sends into frames, with caps: a frame or a total beyond <see cref="MaxInboundBytes"/>
/// ends reading with a <see cref="FloodIn"/>, so a hostile target cannot exhaust memory.
/// </summary>
internal sealed class Inbox
{
    private readonly RawConnection connection;
    private readonly WireLog log;
    private byte[] buffer = new byte[RawConnection.MinReadBuffer * 2];
    private int start;
    private int end;
    private Inbound? terminal;

    public Inbox(RawConnection connection, WireLog log, long maxInboundBytes, ReadOnlySpan<byte> leftover)
    {
        this.connection = connection;
        this.log = log;
        MaxInboundBytes = maxInboundBytes;
        Append(leftover);
    }

    public long MaxInboundBytes { get; }

    public async Task<Inbound> NextAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTakeFrame(out var parsed))
            {
                return parsed!;
            }

            if (terminal is not null)
            {
                return terminal;
            }

            EnsureSpace();
            var (outcome, count) = await connection.ReadAsync(buffer.AsMemory(end), deadline, cancellationToken);
            if (!Took(outcome, count))
            {
                return Stamp(new TimeoutIn());
            }
        }
    }

    /// <summary>
    /// Buffers what the peer sends while <paramref name="writing"/> runs, so a peer that echoes as it reads (a
    /// streaming echo) never blocks on a full socket buffer while we are still writing to it.
    /// </summary>
    public async Task FillWhileAsync(Task writing)
    {
        while (!writing.IsCompleted && terminal is null)
        {
            EnsureSpace();
            var (outcome, count) = await connection.ReadWhileAsync(buffer.AsMemory(end), writing);
            Took(outcome, count);
        }
    }

    // Records one read; false on a timeout, which leaves nothing to record.
    private bool Took(ReadOutcome outcome, int count)
    {
        switch (outcome)
        {
            case ReadOutcome.Data:
                end += count;
                if (log.BytesIn > MaxInboundBytes)
                {
                    terminal = Stamp(new FloodIn(log.BytesIn, $"flood: more than {MaxInboundBytes} bytes received"));
                }

                return true;
            case ReadOutcome.Timeout:
                return false;
            default:
                if (end > start)
                {
                    log.Add(WireEventKind.Note, WireDirection.In, $"{end - start} bytes of an incomplete frame before the connection ended");
                }

                terminal = Stamp(new ClosedIn(outcome));
                return true;
        }
    }

    private bool TryTakeFrame(out Inbound? frame)
    {
        frame = null;
        var available = buffer.AsSpan(start, end - start);
        if (FrameCodec.TryReadHeader(available, out var header, out var headerSize) != OperationStatus.Done)
        {
            return false;
        }

        if (header.DeclaredLength > (ulong)MaxInboundBytes)
        {
            if (terminal is null or ClosedIn)
            {
                log.Frame(WireDirection.In, header, []);
                terminal = Stamp(new FloodIn(log.BytesIn, $"a frame declaring {header.DeclaredLength} bytes, more than the {MaxInboundBytes} this case accepts"));
                start = end;
            }

            return false;
        }

        var total = headerSize + (long)header.DeclaredLength;
        if (available.Length < total)
        {
            return false;
        }

        var payload = available.Slice(headerSize, (int)header.DeclaredLength).ToArray();
        if (header.Masked)
        {
            FrameCodec.ApplyMask(payload, header.MaskKey, 0);
        }

        start += (int)total;
        log.Frame(WireDirection.In, header, payload);
        frame = Stamp(new FrameIn(header, payload));
        return true;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        while (buffer.Length - end < bytes.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        bytes.CopyTo(buffer.AsSpan(end));
        end += bytes.Length;
    }

    // Keeps room for one more read chunk; compacts first, grows only for a frame larger than the buffer.
    private void EnsureSpace()
    {
        if (start == end)
        {
            start = end = 0;
        }

        if (buffer.Length - end >= RawConnection.MinReadBuffer)
        {
            return;
        }

        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (buffer.Length - end < RawConnection.MinReadBuffer)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    private T Stamp<T>(T inbound) where T : Inbound => inbound with { AtMs = Math.Round(log.ElapsedMs, 2) };
}
