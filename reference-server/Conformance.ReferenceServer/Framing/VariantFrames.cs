using System.Collections.Concurrent;

namespace Conformance.ReferenceServer.Framing;

/// <summary>
/// What a <see cref="Variant"/> needs to see of one connection's frames, which ASP.NET Core's WebSocket does not
/// show: frame sizes, frame boundaries, when the last byte came, and which Close the endpoint itself sends. The
/// frames go through unchanged, except the Closes <see cref="Closes"/> edits. One instance per connection.
/// </summary>
internal sealed record VariantFrames(
    OversizeFrameWatch? OversizeFrames = null,
    ActivityWatch? Activity = null,
    FrameBoundaries? Boundaries = null,
    AnnouncedCloseEditor? Closes = null)
{
    /// <summary>The payload limit of a single frame under <see cref="Variant.FrameLimit16KiB"/>.</summary>
    public const int FrameLimit = 16 * 1024;

    /// <summary>True when <paramref name="variant"/> needs to see the frames.</summary>
    public static bool Covers(Variant variant) => For(variant) is not null;

    /// <summary>Fresh watches for one connection under <paramref name="variant"/>, or null when it needs none.</summary>
    public static VariantFrames? For(Variant variant) => variant switch
    {
        Variant.FrameLimit16KiB => new(OversizeFrames: new OversizeFrameWatch(FrameLimit)),
        Variant.IdleClose1001 => new(Activity: new ActivityWatch()),
        Variant.RelaysFragments => new(Boundaries: new FrameBoundaries()),
        Variant.FailsByDropping => new(Closes: new FailureCloseDropper()),
        Variant.CloseReplyEmpty => new(Closes: new CloseAnswerEmptier()),
        _ => null,
    };

    /// <summary>The edits to apply to the upgraded stream.</summary>
    public StreamDefect Edits => new((FrameEditor?)OversizeFrames ?? (FrameEditor?)Activity ?? Boundaries, Closes);
}

/// <summary>
/// Client side: where, in the stream of data payload bytes the WebSocket hands out, the first data frame above the
/// limit starts. The header goes through before its payload, so the position is known before any byte of that frame
/// is received.
/// </summary>
internal sealed class OversizeFrameWatch(int limit) : FrameEditor
{
    private long _dataBytes; // payload bytes of the data frames so far
    private long _oversizeAt = -1;

    /// <summary>The data payload offset at which the first frame above the limit starts; null while there is none.</summary>
    public long? OversizeAt => Volatile.Read(ref _oversizeAt) is var at and >= 0 ? at : null;

    public override FrameEdit? Edit(FrameHeader original)
    {
        if (!Opcode.IsControl(original.Opcode))
        {
            if (original.Length > (ulong)limit && _oversizeAt < 0)
            {
                Volatile.Write(ref _oversizeAt, _dataBytes);
            }

            // A 64-bit length with its top bit set fails the connection anyway; it only must not overflow here.
            _dataBytes = original.Length > (ulong)(long.MaxValue - _dataBytes) ? long.MaxValue : _dataBytes + (long)original.Length;
        }

        return new FrameEdit(original);
    }
}

/// <summary>Client side: when the last byte (of a header or a payload) arrived.</summary>
internal sealed class ActivityWatch : FrameEditor
{
    private long _lastActivity = Environment.TickCount64;

    /// <summary>How long nothing has arrived.</summary>
    public TimeSpan QuietFor => TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastActivity));

    public override FrameEdit? Edit(FrameHeader original)
    {
        Touch();
        return new FrameEdit(original, EditsPayload: original.Length > 0);
    }

    public override void EditPayload(Span<byte> payload, ulong offset, bool endsPayload) => Touch();

    private void Touch() => Volatile.Write(ref _lastActivity, Environment.TickCount64);
}

/// <summary>
/// Client side: the payload length of every data frame, in order, so that the echo can tell where each frame ends in
/// what the WebSocket hands out (it never hands out bytes of two frames at once, but may split one).
/// </summary>
internal sealed class FrameBoundaries : FrameEditor
{
    private readonly ConcurrentQueue<ulong> _lengths = new();

    /// <summary>
    /// The payload length of the next data frame. A result of <paramref name="received"/> bytes belongs to it, so a
    /// non-empty result skips the empty frames the WebSocket handed out nothing for.
    /// </summary>
    public ulong Next(int received)
    {
        while (_lengths.TryDequeue(out var length))
        {
            if (length > 0 || received == 0)
            {
                return length;
            }
        }

        // The header always goes through before its payload.
        throw new InvalidOperationException("A data frame arrived that the frame watch did not see.");
    }

    public override FrameEdit? Edit(FrameHeader original)
    {
        if (!Opcode.IsControl(original.Opcode))
        {
            _lengths.Enqueue(original.Length);
        }

        return new FrameEdit(original);
    }
}

/// <summary>Which Close the server is sending, as the endpoint announced it.</summary>
internal enum CloseKind
{
    /// <summary>Not announced: the WebSocket fails the connection (1002, 1007).</summary>
    Unannounced,

    /// <summary>The endpoint's answer to the client's Close.</summary>
    Answer,

    /// <summary>A Close the endpoint starts itself (1009).</summary>
    Own,
}

/// <summary>
/// Server side: tells the Closes the endpoint announces just before it sends them from those the WebSocket sends on
/// its own. Only one Close is ever sent per connection, so an announcement is never confused with another Close.
/// </summary>
internal abstract class AnnouncedCloseEditor : FrameEditor
{
    private int _announced = (int)CloseKind.Unannounced;

    /// <summary>The next Close the server sends answers the client's.</summary>
    public void AnnounceAnswer() => Volatile.Write(ref _announced, (int)CloseKind.Answer);

    /// <summary>The next Close the server sends is one the endpoint starts.</summary>
    public void AnnounceOwnClose() => Volatile.Write(ref _announced, (int)CloseKind.Own);

    public sealed override FrameEdit? Edit(FrameHeader original) => original.Opcode == Opcode.Close
        ? EditClose(original, (CloseKind)Interlocked.Exchange(ref _announced, (int)CloseKind.Unannounced))
        : new FrameEdit(original);

    /// <summary>What to send in place of a Close of the given kind; null drops it.</summary>
    protected abstract FrameEdit? EditClose(FrameHeader close, CloseKind kind);
}

/// <summary>
/// <see cref="Variant.FailsByDropping"/>: drops every Close the WebSocket sends on its own — the 1002 or 1007 with
/// which it fails the connection — and lets the endpoint's own Closes through (its answer, its 1009).
/// </summary>
internal sealed class FailureCloseDropper : AnnouncedCloseEditor
{
    protected override FrameEdit? EditClose(FrameHeader close, CloseKind kind) => kind == CloseKind.Unannounced ? null : new FrameEdit(close);
}

/// <summary>
/// <see cref="Variant.CloseReplyEmpty"/>: the endpoint's answer to the client's Close goes out without a body.
/// ManagedWebSocket always writes a status code (WebSocketCloseStatus.Empty becomes 1005 on the wire, which §7.4.1
/// forbids), so the answer's code is dropped here instead.
/// </summary>
internal sealed class CloseAnswerEmptier : AnnouncedCloseEditor
{
    protected override FrameEdit? EditClose(FrameHeader close, CloseKind kind) => new FrameEdit(close, DropsPayload: kind == CloseKind.Answer);
}
