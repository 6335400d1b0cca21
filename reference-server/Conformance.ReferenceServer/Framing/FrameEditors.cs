using System.Collections.Concurrent;

namespace Conformance.ReferenceServer.Framing;

/// <summary>
/// <see cref="Defect.NoUtf8Validation"/>: text messages reach the WebSocket as binary (so it never checks their
/// UTF-8), and the echo of each one goes out as text again. One instance per connection.
/// </summary>
internal sealed class TextAsBinary
{
    // One entry per client message, in order: the echo of message N is the server's data message N.
    private readonly ConcurrentQueue<bool> _wasText = new();

    public TextAsBinary()
    {
        ClientFrames = new ClientSide(_wasText);
        ServerFrames = new ServerSide(_wasText);
    }

    public FrameEditor ClientFrames { get; }

    public FrameEditor ServerFrames { get; }

    private sealed class ClientSide(ConcurrentQueue<bool> wasText) : FrameEditor
    {
        public override FrameEdit? Edit(FrameHeader original)
        {
            if (original.Opcode is Opcode.Text or Opcode.Binary)
            {
                wasText.Enqueue(original.Opcode == Opcode.Text);
            }

            return new FrameEdit(original.Opcode == Opcode.Text ? original with { Opcode = Opcode.Binary } : original);
        }
    }

    private sealed class ServerSide(ConcurrentQueue<bool> wasText) : FrameEditor
    {
        public override FrameEdit? Edit(FrameHeader original) =>
            new(original.Opcode == Opcode.Binary && wasText.TryDequeue(out var text) && text
                ? original with { Opcode = Opcode.Text }
                : original);
    }
}

/// <summary>
/// <see cref="Defect.Utf8CheckedPerFrameOnly"/>, client side: checks each frame of a text message as if it were
/// a whole text. Where one frame alone is not valid UTF-8, a byte of it becomes 0xFF (never valid in UTF-8), so
/// the WebSocket fails the connection with 1007 exactly as it does for any invalid text.
/// </summary>
internal sealed class PerFrameUtf8Check : FrameEditor
{
    private readonly Utf8Validator _utf8 = new();
    private bool _inText; // the data message in progress is text
    private bool _poisoned; // this frame already carries its 0xFF

    public override FrameEdit? Edit(FrameHeader original)
    {
        if (original.Opcode is Opcode.Text or Opcode.Binary)
        {
            _inText = original.Opcode == Opcode.Text;
        }

        var check = _inText && original.Opcode is (Opcode.Text or Opcode.Continuation) && original.Length > 0;
        _utf8.Reset();
        _poisoned = false;
        return new FrameEdit(original, EditsPayload: check);
    }

    public override void EditPayload(Span<byte> payload, ulong offset, bool endsPayload)
    {
        for (var i = 0; i < payload.Length && !_poisoned; i++)
        {
            if (!_utf8.Accept(payload[i]))
            {
                payload[i] = 0xFF;
                _poisoned = true;
            }
        }

        // The frame stops inside a character: valid across frames, invalid for this frame alone.
        if (endsPayload && !_poisoned && _utf8.InsideSequence)
        {
            payload[^1] = 0xFF;
            _poisoned = true;
        }
    }
}

/// <summary>
/// <see cref="Defect.WrongPongPayload"/>, server side: every bit of a pong's first payload byte is flipped,
/// and an empty pong gets the payload "x".
/// </summary>
internal sealed class PongPayloadCorruption : FrameEditor
{
    private static readonly byte[] Filler = "x"u8.ToArray();

    public override FrameEdit? Edit(FrameHeader original) => original switch
    {
        { Opcode: not Opcode.Pong } => new FrameEdit(original),
        { Length: 0 } => new FrameEdit(original, Trailer: Filler),
        _ => new FrameEdit(original, EditsPayload: true),
    };

    public override void EditPayload(Span<byte> payload, ulong offset, bool endsPayload)
    {
        if (offset == 0)
        {
            payload[0] ^= 0xFF;
        }
    }
}

/// <summary>
/// Follows which data message a client is in, from the frames as sent, and drops the frames
/// <see cref="Defect.AcceptsContinuationWithoutStart"/> or <see cref="Defect.AcceptsInterleavedDataFrames"/>
/// lets through silently instead of failing the connection.
/// </summary>
internal sealed class StrayDataFrameDropper(bool dropContinuationWithoutStart, bool dropInterleavedStart) : FrameEditor
{
    private bool _inMessage; // a fragmented message has started and not yet ended

    public override FrameEdit? Edit(FrameHeader original)
    {
        switch (original.Opcode)
        {
            case Opcode.Continuation when !_inMessage && dropContinuationWithoutStart:
            case Opcode.Text or Opcode.Binary when _inMessage && dropInterleavedStart:
                return null;
            case Opcode.Continuation when original.Fin:
                _inMessage = false;
                break;
            case Opcode.Text or Opcode.Binary:
                _inMessage = !original.Fin;
                break;
        }

        return new FrameEdit(original);
    }
}

/// <summary>
/// <see cref="Defect.AcceptsInvalidCloseCodes"/>: the code of every Close from the client reaches the WebSocket
/// as 1000 (which it accepts), and the code of the Close the server sends back is restored to the client's.
/// Valid codes therefore go through exactly as before; invalid ones are echoed instead of failing the connection.
/// </summary>
internal sealed class CloseCodeSwap
{
    private static readonly byte[] NormalClosure = [0x03, 0xE8]; // 1000, big-endian

    private volatile int _clientCode = -1; // the code of the client's Close once both its bytes went through

    public CloseCodeSwap()
    {
        ClientFrames = new ClientSide(this);
        ServerFrames = new ServerSide(this);
    }

    public FrameEditor ClientFrames { get; }

    public FrameEditor ServerFrames { get; }

    private sealed class ClientSide(CloseCodeSwap swap) : FrameEditor
    {
        private int _code;

        // A Close shorter than 2 bytes has no code (or a broken one) and is left to the WebSocket, as is a Close
        // broken in its framing, which the server must still reject for that.
        public override FrameEdit? Edit(FrameHeader original) =>
            new FrameEdit(original, EditsPayload: original.Opcode == Opcode.Close && original.Length >= 2 && original.IsWellFormedClientControl);

        public override void EditPayload(Span<byte> payload, ulong offset, bool endsPayload)
        {
            // The code may arrive split across runs, so each byte is swapped on its own.
            for (var i = 0; i < payload.Length && offset + (ulong)i < 2; i++)
            {
                var position = (int)offset + i;
                _code = (_code << 8) | payload[i];
                payload[i] = NormalClosure[position];
                if (position == 1)
                {
                    swap._clientCode = _code & 0xFFFF;
                }
            }
        }
    }

    private sealed class ServerSide(CloseCodeSwap swap) : FrameEditor
    {
        // The server's own Closes (1009, or 1002 when it fails the connection) go out before any client Close.
        public override FrameEdit? Edit(FrameHeader original) =>
            new FrameEdit(original, EditsPayload: original.Opcode == Opcode.Close && original.Length >= 2 && swap._clientCode >= 0);

        public override void EditPayload(Span<byte> payload, ulong offset, bool endsPayload)
        {
            // Only the echo of the 1000 the WebSocket was shown gets the client's code back; a Close the server
            // sends to fail the connection (1002, 1007) after reading the client's Close keeps its own code.
            // The WebSocket writes a Close in one piece, so both code bytes are normally seen together; a code
            // split across runs is restored byte by byte where it matches 1000.
            if (offset == 0 && payload.Length >= 2 && (payload[0] != NormalClosure[0] || payload[1] != NormalClosure[1]))
            {
                return;
            }

            for (var i = 0; i < payload.Length && offset + (ulong)i < 2; i++)
            {
                var position = (int)offset + i;
                if (payload[i] == NormalClosure[position])
                {
                    payload[i] = (byte)(swap._clientCode >> (8 * (1 - position)));
                }
            }
        }
    }
}

/// <summary><see cref="Defect.NoCloseReply"/>, client side: a Close and everything after it never reach the WebSocket.</summary>
internal sealed class CloseSwallower : FrameEditor
{
    private bool _closed;

    public override FrameEdit? Edit(FrameHeader original)
    {
        // A Close broken in its framing still reaches the WebSocket, which fails the connection as the reference does.
        _closed |= original.Opcode == Opcode.Close && original.IsWellFormedClientControl;
        return _closed ? null : new FrameEdit(original);
    }
}

/// <summary>
/// <see cref="Defect.KeepsTcpOpenAfterClose"/>: watches both directions, unchanged, to learn whether Close frames
/// have gone both ways, after which the server keeps the TCP connection open.
/// </summary>
internal sealed class ClosingHandshakeWatch
{
    private volatile bool _received;
    private volatile bool _sent;

    public ClosingHandshakeWatch()
    {
        ClientFrames = new Watcher(() => _received = true);
        ServerFrames = new Watcher(() => _sent = true);
    }

    /// <summary>True once the client and the server have each sent a Close.</summary>
    public bool Completed => _received && _sent;

    public FrameEditor ClientFrames { get; }

    public FrameEditor ServerFrames { get; }

    private sealed class Watcher(Action onClose) : FrameEditor
    {
        public override FrameEdit? Edit(FrameHeader original)
        {
            if (original.Opcode == Opcode.Close)
            {
                onClose();
            }

            return new FrameEdit(original);
        }
    }
}

/// <summary>
/// <see cref="Defect.AcceptsFragmentedPings"/>: a Ping or Pong with FIN clear is taken as complete (FIN set), and the
/// continuation frames that finish it are dropped, so the server answers the fragmented Ping instead of failing.
/// </summary>
internal sealed class FragmentedControlJoiner : FrameEditor
{
    private bool _dropping;

    public override FrameEdit? Edit(FrameHeader original)
    {
        if (original is { Fin: false, Opcode: Opcode.Ping or Opcode.Pong })
        {
            _dropping = true;
            return new FrameEdit(original with { Fin = true });
        }

        if (_dropping && original.Opcode == Opcode.Continuation)
        {
            _dropping = !original.Fin;
            return null;
        }

        return new FrameEdit(original);
    }
}

/// <summary><see cref="Defect.DataAfterClose"/>: each Close the server sends is followed by an unmasked text frame.</summary>
internal sealed class DataAfterClose : FrameEditor
{
    // FIN, text, 11 bytes: "after close".
    private static readonly byte[] TextFrame = [0x81, 0x0B, .. "after close"u8];

    public override FrameEdit? Edit(FrameHeader original) =>
        new FrameEdit(original, Follow: original.Opcode == Opcode.Close ? TextFrame : null);
}

/// <summary><see cref="Defect.CloseReasonNotUtf8"/>: every byte of the reason of each Close the server sends becomes 0xFF.</summary>
internal sealed class CloseReasonNotUtf8 : FrameEditor
{
    public override FrameEdit? Edit(FrameHeader original) =>
        new FrameEdit(original, EditsPayload: original.Opcode == Opcode.Close && original.Length > 2);

    public override void EditPayload(Span<byte> payload, ulong offset, bool endsPayload)
    {
        // The code bytes may arrive in a run of their own; only the reason after them changes.
        for (var i = 0; i < payload.Length; i++)
        {
            if (offset + (ulong)i >= 2)
            {
                payload[i] = 0xFF;
            }
        }
    }
}

/// <summary>
/// <see cref="Defect.CloseCodeRewritten"/>: once the client sent a well-formed Close, the code of the server's answering
/// Close becomes 1005 on the wire. A Close the server starts itself (1009, 1002...) is left alone, and so is its 1002
/// for a malformed Close (unmasked, RSV bits, fragmented, over 125 bytes), which it fails rather than answers: that
/// 1002 races the connection's reset, so rewriting it would make those cases change at random. One instance per connection.
/// </summary>
internal sealed class CloseCodeRewrite
{
    private volatile bool clientClosed;

    public CloseCodeRewrite()
    {
        ClientFrames = new ClientSide(this);
        ServerFrames = new ServerSide(this);
    }

    public FrameEditor ClientFrames { get; }

    public FrameEditor ServerFrames { get; }

    private sealed class ClientSide(CloseCodeRewrite state) : FrameEditor
    {
        public override FrameEdit? Edit(FrameHeader original)
        {
            state.clientClosed |= original.Opcode == Opcode.Close && original.IsWellFormedClientControl;
            return new FrameEdit(original);
        }
    }

    private sealed class ServerSide(CloseCodeRewrite state) : FrameEditor
    {
        public override FrameEdit? Edit(FrameHeader original) =>
            new FrameEdit(original, EditsPayload: original.Opcode == Opcode.Close && original.Length >= 2 && state.clientClosed);

        public override void EditPayload(Span<byte> payload, ulong offset, bool endsPayload)
        {
            // The two code bytes may arrive in separate runs.
            for (var i = 0; i < payload.Length && offset + (ulong)i < 2; i++)
            {
                payload[i] = offset + (ulong)i == 0 ? (byte)0x03 : (byte)0xED;
            }
        }
    }
}
