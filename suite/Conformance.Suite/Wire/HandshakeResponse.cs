using System.Buffers;
using System.Text;

namespace Conformance.Suite.Wire;

/// <summary>A parsed HTTP/1.x response head (status line and header lines, duplicates kept in order).</summary>
public sealed record HandshakeResponse(string HttpVersion, int StatusCode, string ReasonPhrase, IReadOnlyList<HttpHeader> Headers, string RawHead)
{
    /// <summary>§4.2.2: the status of an accepted upgrade.</summary>
    public const int SwitchingProtocols = 101;

    /// <summary>A response head larger than this is not a handshake answer we wait for.</summary>
    public const int MaxHeadSize = 16 * 1024;

    private static ReadOnlySpan<byte> HeadTerminator => "\r\n\r\n"u8;

    /// <summary>All values of a header, case-insensitively by name, one entry per header line.</summary>
    public IReadOnlyList<string> Values(string name) => HeaderFields.Values(Headers, name);

    /// <summary>The single value of a header, or null when absent; several lines are joined with ", ".</summary>
    public string? Value(string name) => HeaderFields.Value(Headers, name);

    /// <summary>Comma-separated tokens of every line of a header, trimmed (e.g. Connection: keep-alive, Upgrade).</summary>
    public IReadOnlyList<string> Tokens(string name) => HeaderFields.Tokens(Headers, name);

    /// <summary>
    /// Parses a response head from the start of <paramref name="source"/>. <see cref="OperationStatus.NeedMoreData"/>
    /// until CRLFCRLF arrives; <see cref="OperationStatus.InvalidData"/> with a reason when the bytes are not an
    /// HTTP/1.x response head or the head exceeds <see cref="MaxHeadSize"/>.
    /// </summary>
    public static OperationStatus TryParse(ReadOnlySpan<byte> source, out HandshakeResponse? response, out int consumed, out string? error)
    {
        response = null;
        consumed = 0;
        error = null;
        var prefix = "HTTP/"u8;
        var compared = Math.Min(prefix.Length, source.Length);
        if (!source[..compared].SequenceEqual(prefix[..compared]))
        {
            error = "the answer does not start with an HTTP status line";
            return OperationStatus.InvalidData;
        }

        var end = source.IndexOf(HeadTerminator);
        if (end > MaxHeadSize)
        {
            error = $"the response head is larger than {MaxHeadSize} bytes";
            return OperationStatus.InvalidData;
        }

        if (end < 0)
        {
            if (source.Length > MaxHeadSize)
            {
                error = $"no end of the response head within {MaxHeadSize} bytes";
                return OperationStatus.InvalidData;
            }

            return OperationStatus.NeedMoreData;
        }

        var head = Encoding.Latin1.GetString(source[..end]);
        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || status[1].Length != 3 ||
            !int.TryParse(status[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            error = "the status line is not 'HTTP/1.x NNN reason'";
            return OperationStatus.InvalidData;
        }

        if (HeaderFields.Parse(lines.Skip(1), out error) is not { } headers)
        {
            return OperationStatus.InvalidData;
        }

        consumed = end + HeadTerminator.Length;
        response = new HandshakeResponse(status[0], code, status.Length > 2 ? status[2] : "", headers, head);
        return OperationStatus.Done;
    }
}
