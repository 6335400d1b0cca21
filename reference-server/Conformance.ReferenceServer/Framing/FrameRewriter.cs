namespace Conformance.ReferenceServer.Framing;

/// <summary>
/// Decides what happens to one frame: the header to send in its place (its payload follows
/// with <see cref="FrameHeader.Length"/> bytes), or null to drop the frame and its payload.
/// </summary>
internal delegate FrameHeader? FrameRewrite(FrameHeader header);

/// <summary>
/// Rewrites a byte stream of RFC 6455 frames incrementally: input may be split anywhere (even
/// byte by byte), and payloads are streamed through, never buffered whole.
/// One instance serves one direction of one connection.
/// </summary>
internal sealed class FrameRewriter(FrameRewrite rewrite)
{
    private readonly byte[] _header = new byte[FrameHeader.MaxSize];
    private int _headerFilled;
    private int _headerSize = 2; // until the first two bytes tell the real size

    // The rewritten header, waiting for room in the output.
    private readonly byte[] _pending = new byte[FrameHeader.MaxSize];
    private int _pendingStart;
    private int _pendingEnd;

    private ulong _payloadLeft;
    private bool _dropping;
    private uint _payloadXor; // old key ^ new key: unmasks with the old key and masks with the new one in one pass
    private int _keyIndex;

    /// <summary>
    /// Converts as much of <paramref name="input"/> as fits into <paramref name="output"/>.
    /// Returns only when all input is consumed (and the rewritten header sent) or the output is full;
    /// unconsumed input must be offered again. With empty input it flushes a pending header.
    /// </summary>
    public void Convert(ReadOnlySpan<byte> input, Span<byte> output, out int consumed, out int written)
    {
        consumed = 0;
        written = 0;
        while (true)
        {
            if (_pendingStart < _pendingEnd)
            {
                var count = Math.Min(_pendingEnd - _pendingStart, output.Length - written);
                if (count == 0)
                {
                    return;
                }

                _pending.AsSpan(_pendingStart, count).CopyTo(output[written..]);
                _pendingStart += count;
                written += count;
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

        if (rewrite(original) is not { } replacement)
        {
            _dropping = true;
            _payloadLeft = original.Length;
            return;
        }

        _dropping = false;
        _pendingStart = 0;
        _pendingEnd = replacement.Encode(_pending);
        // The rewritten length decides how many bytes belong to the frame: a defect that
        // misreads the length must also misread where the next frame starts.
        _payloadLeft = replacement.Length;
        _payloadXor = original.MaskKey ^ replacement.MaskKey;
        _keyIndex = 0;
    }

    private void CopyPayload(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (_payloadXor == 0)
        {
            source.CopyTo(destination);
            return;
        }

        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] ^ (byte)(_payloadXor >> (24 - (8 * _keyIndex))));
            _keyIndex = (_keyIndex + 1) & 3;
        }
    }
}
