namespace Conformance.ReferenceServer.Framing;

/// <summary>
/// Rewrites a byte stream of RFC 6455 frames incrementally: input may be split anywhere (even
/// byte by byte), and payloads are streamed through, never buffered whole.
/// One instance serves one direction of one connection.
/// </summary>
internal sealed class FrameRewriter
{
    private readonly FrameEditor _editor;

    private readonly byte[] _header = new byte[FrameHeader.MaxSize];
    private int _headerFilled;
    private int _headerSize = 2; // until the first two bytes tell the real size

    // The rewritten header, waiting for room in the output.
    private readonly byte[] _pending = new byte[FrameHeader.MaxSize];
    private int _pendingStart;
    private int _pendingEnd;

    private ulong _payloadLeft;
    private ulong _payloadOffset;
    private bool _dropping;
    private bool _editing;
    private uint _inKey;
    private uint _outKey;

    // The current frame's trailer, already masked, sent once its payload is through.
    private byte[] _trailer = [];
    private int _trailerStart;

    // Bytes sent as they are once the current frame is through.
    private byte[] _follow = [];
    private int _followStart;

    /// <summary>A rewriter that hands every frame to <paramref name="editor"/>.</summary>
    public FrameRewriter(FrameEditor editor) => _editor = editor;

    /// <summary>A rewriter that only rewrites headers.</summary>
    public FrameRewriter(FrameRewrite rewrite)
        : this(FrameEditor.Headers(rewrite))
    {
    }

    /// <summary>
    /// Converts as much of <paramref name="input"/> as fits into <paramref name="output"/>.
    /// Returns only when all input is consumed (and the rewritten header sent) or the output is full;
    /// unconsumed input must be offered again. With empty input it flushes a pending header or trailer.
    /// </summary>
    public void Convert(ReadOnlySpan<byte> input, Span<byte> output, out int consumed, out int written)
    {
        consumed = 0;
        written = 0;
        while (true)
        {
            // The rewritten header, then (once the payload is through) the trailer and the bytes that follow the frame.
            var copied = _pendingStart < _pendingEnd ? Copy(_pending.AsSpan(0, _pendingEnd), ref _pendingStart, output, ref written)
                : _payloadLeft == 0 && _trailerStart < _trailer.Length ? Copy(_trailer, ref _trailerStart, output, ref written)
                : _payloadLeft == 0 && _followStart < _follow.Length ? Copy(_follow, ref _followStart, output, ref written)
                : (bool?)null;
            if (copied is { } progressed)
            {
                if (!progressed)
                {
                    return;
                }

                continue;
            }

            if (consumed == input.Length)
            {
                return;
            }

            if (_payloadLeft > 0)
            {
                var count = (int)Math.Min(_payloadLeft, (ulong)(input.Length - consumed));
                if (!_dropping)
                {
                    count = Math.Min(count, output.Length - written);
                    if (count == 0)
                    {
                        return;
                    }

                    CopyPayload(input.Slice(consumed, count), output.Slice(written, count));
                    written += count;
                }

                consumed += count;
                _payloadLeft -= (ulong)count;
                _payloadOffset += (ulong)count;
                continue;
            }

            var take = Math.Min(_headerSize - _headerFilled, input.Length - consumed);
            input.Slice(consumed, take).CopyTo(_header.AsSpan(_headerFilled));
            consumed += take;
            _headerFilled += take;
            if (_headerFilled == 2)
            {
                _headerSize = FrameHeader.SizeFromFirstTwoBytes(_header[0], _header[1]);
            }

            if (_headerFilled == _headerSize)
            {
                StartFrame();
            }
        }
    }

    private void StartFrame()
    {
        var original = FrameHeader.Decode(_header.AsSpan(0, _headerSize));
        _headerFilled = 0;
        _headerSize = 2;
        _payloadOffset = 0;

        if (_editor.Edit(original) is not { } edit)
        {
            _dropping = true;
            _payloadLeft = original.Length;
            return;
        }

        var replacement = edit.Header;
        var trailer = edit.Trailer ?? [];
        var sentPayload = edit.DropsPayload ? 0 : replacement.Length;
        _dropping = edit.DropsPayload;
        _editing = edit.EditsPayload;
        _pendingStart = 0;
        _pendingEnd = (replacement with { Length = sentPayload + (ulong)trailer.Length }).Encode(_pending);
        // The rewritten length decides how many bytes belong to the frame: a defect that
        // misreads the length must also misread where the next frame starts.
        _payloadLeft = replacement.Length;
        _inKey = original.MaskKey;
        _outKey = replacement.MaskKey;

        _follow = edit.Follow ?? [];
        _followStart = 0;
        _trailer = trailer.Length == 0 ? [] : new byte[trailer.Length];
        _trailerStart = 0;
        for (var i = 0; i < trailer.Length; i++)
        {
            _trailer[i] = (byte)(trailer[i] ^ KeyByte(_outKey, sentPayload + (ulong)i));
        }
    }

    private void CopyPayload(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!_editing)
        {
            // Unmasks with the old key and masks with the new one in one pass.
            var xor = _inKey ^ _outKey;
            if (xor == 0)
            {
                source.CopyTo(destination);
                return;
            }

            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = (byte)(source[i] ^ KeyByte(xor, _payloadOffset + (ulong)i));
            }

            return;
        }

        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] ^ KeyByte(_inKey, _payloadOffset + (ulong)i));
        }

        _editor.EditPayload(destination, _payloadOffset, endsPayload: (ulong)source.Length == _payloadLeft);
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] ^= KeyByte(_outKey, _payloadOffset + (ulong)i);
        }
    }

    // Copies what of source[start..] fits into output; false when output is full.
    private static bool Copy(ReadOnlySpan<byte> source, ref int start, Span<byte> output, ref int written)
    {
        var count = Math.Min(source.Length - start, output.Length - written);
        if (count == 0)
        {
            return false;
        }

        source.Slice(start, count).CopyTo(output[written..]);
        start += count;
        written += count;
        return true;
    }

    /// <summary>The key byte that masks payload byte <paramref name="position"/> (RFC 6455 §5.3); key 0 masks nothing.</summary>
    private static byte KeyByte(uint key, ulong position) => (byte)(key >> (24 - (8 * (int)(position & 3))));
}
