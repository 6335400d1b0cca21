using System.Buffers;
using System.Text;

namespace Conformance.ReferenceServer.Framing;

/// <summary>
/// Checks UTF-8 one byte at a time, as RFC 3629 defines it (no overlong forms, surrogates or
/// code points above U+10FFFF), so that a check can follow a payload that streams through in pieces.
/// </summary>
internal sealed class Utf8Validator
{
    private readonly byte[] _sequence = new byte[4];
    private int _length;

    /// <summary>True when the bytes so far end inside a multi-byte sequence.</summary>
    public bool InsideSequence => _length > 0;

    /// <summary>Forgets any partial sequence: the next byte starts a new text.</summary>
    public void Reset() => _length = 0;

    /// <summary>Adds one byte; false when it makes the text invalid (the validator then starts afresh).</summary>
    public bool Accept(byte value)
    {
        _sequence[_length++] = value;
        switch (Rune.DecodeFromUtf8(_sequence.AsSpan(0, _length), out _, out _))
        {
            case OperationStatus.Done:
                _length = 0;
                return true;
            case OperationStatus.NeedMoreData:
                return true;
            default:
                _length = 0;
                return false;
        }
    }
}
