using System.Buffers;
using System.Globalization;
using System.Text;
using Conformance.Suite.Wire;

namespace Conformance.Suite.ClientSide;

/// <summary>
/// A client's opening request (§4.1) as read from the wire: request line and header lines, duplicates kept in order.
/// Parsed by hand because the point is to see the exact bytes a client sent, not what an HTTP stack makes of them.
/// </summary>
public sealed record ClientRequest(string Method, string RequestTarget, string HttpVersion, IReadOnlyList<HttpHeader> Headers, string RawHead)
{
    /// <summary>A request head larger than this is not an opening handshake we wait for.</summary>
    public const int MaxHeadSize = 16 * 1024;

    private static ReadOnlySpan<byte> HeadTerminator => "\r\n\r\n"u8;

    /// <summary>All values of a header, case-insensitively by name, one entry per header line.</summary>
    public IReadOnlyList<string> Values(string name) => HeaderFields.Values(Headers, name);

    /// <summary>The single value of a header, or null when absent; several lines are joined with ", ".</summary>
    public string? Value(string name) => HeaderFields.Value(Headers, name);

    /// <summary>Comma-separated tokens of every line of a header, trimmed (e.g. Connection: keep-alive, Upgrade).</summary>
    public IReadOnlyList<string> Tokens(string name) => HeaderFields.Tokens(Headers, name);

    /// <summary>The HTTP version as a number (1.1 for "HTTP/1.1"), or null when it is not "HTTP/digit.digit".</summary>
    public Version? ParsedVersion =>
        HttpVersion.StartsWith("HTTP/", StringComparison.Ordinal) && System.Version.TryParse(HttpVersion[5..], out var version) && version.Build < 0 ? version : null;

    /// <summary>
    /// Parses a request head from the start of <paramref name="source"/>: <see cref="OperationStatus.NeedMoreData"/>
    /// until CRLFCRLF arrives; <see cref="OperationStatus.InvalidData"/> with a reason when the bytes are not an
    /// HTTP/1.x request head or the head exceeds <see cref="MaxHeadSize"/>.
    /// </summary>
    public static OperationStatus TryParse(ReadOnlySpan<byte> source, out ClientRequest? request, out int consumed, out string? error)
    {
        request = null;
        consumed = 0;
        error = null;
        var end = source.IndexOf(HeadTerminator);
        if (end > MaxHeadSize || end < 0 && source.Length > MaxHeadSize)
        {
            error = $"no end of the request head within {MaxHeadSize} bytes";
            return OperationStatus.InvalidData;
        }

        if (end < 0)
        {
            return OperationStatus.NeedMoreData;
        }

        var head = Encoding.Latin1.GetString(source[..end]);
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[0].Length == 0 || !requestLine[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            error = "the request line is not 'METHOD target HTTP/x.y'";
            return OperationStatus.InvalidData;
        }

        if (HeaderFields.Parse(lines.Skip(1), out error) is not { } headers)
        {
            return OperationStatus.InvalidData;
        }

        consumed = end + HeadTerminator.Length;
        request = new ClientRequest(requestLine[0], requestLine[1], requestLine[2], headers, head);
        return OperationStatus.Done;
    }

    /// <summary>The decoded length of the Sec-WebSocket-Key value, or null when it is not base64.</summary>
    public static int? KeyLength(string key)
    {
        Span<byte> decoded = stackalloc byte[256];
        return key.Length <= 340 && Convert.TryFromBase64String(key.Trim(), decoded, out var written) ? written : null;
    }

    /// <summary>The port of a Host value such as "127.0.0.1:8080" or "[::1]:80", or null without one.</summary>
    public static int? HostPort(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > host.LastIndexOf(']') && int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }
}
