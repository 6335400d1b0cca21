using System.Text;

namespace Conformance.Suite.Wire;

/// <summary>
/// A raw opening-handshake request (§4.1): request line and header lines exactly as they will be written,
/// so a case can send one that HttpClient would refuse to build (no Host, two keys, HTTP/1.0, POST).
/// </summary>
public sealed record HandshakeRequest(string Method, string Target, string HttpVersion, IReadOnlyList<HttpHeader> Headers)
{
    /// <summary>The header values the default request carries; cases change them by name.</summary>
    public static class Names
    {
        /// <summary>Host.</summary>
        public const string Host = "Host";
        /// <summary>Upgrade.</summary>
        public const string Upgrade = "Upgrade";
        /// <summary>Connection.</summary>
        public const string Connection = "Connection";
        /// <summary>Sec-WebSocket-Key.</summary>
        public const string Key = "Sec-WebSocket-Key";
        /// <summary>Sec-WebSocket-Version.</summary>
        public const string Version = "Sec-WebSocket-Version";
        /// <summary>Sec-WebSocket-Accept.</summary>
        public const string Accept = "Sec-WebSocket-Accept";
        /// <summary>Sec-WebSocket-Protocol.</summary>
        public const string Protocol = "Sec-WebSocket-Protocol";
        /// <summary>Sec-WebSocket-Extensions.</summary>
        public const string Extensions = "Sec-WebSocket-Extensions";
        /// <summary>Origin.</summary>
        public const string Origin = "Origin";
    }

    /// <summary>The version this suite speaks (§4.1: "The value of this header field MUST be 13").</summary>
    public const string SupportedVersion = "13";

    /// <summary>
    /// The valid request of §4.1 for <paramref name="target"/>: GET, HTTP/1.1, Host, Upgrade, Connection, key,
    /// version 13, then the run's own headers (origin, subprotocols, user headers) in order.
    /// </summary>
    public static HandshakeRequest Standard(Uri target, string key, IEnumerable<HttpHeader> extraHeaders)
    {
        var headers = new List<HttpHeader>
        {
            new(Names.Host, HostValue(target)),
            new(Names.Upgrade, "websocket"),
            new(Names.Connection, "Upgrade"),
            new(Names.Key, key),
            new(Names.Version, SupportedVersion),
        };
        headers.AddRange(extraHeaders);
        return new HandshakeRequest("GET", string.IsNullOrEmpty(target.PathAndQuery) ? "/" : target.PathAndQuery, "HTTP/1.1", headers);
    }

    /// <summary>The bytes on the wire: request line, header lines, empty line, all CRLF-terminated.</summary>
    public byte[] ToBytes()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Target).Append(' ').Append(HttpVersion).Append("\r\n");
        foreach (var header in Headers)
        {
            text.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }

        text.Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>All values of a header, case-insensitively by name.</summary>
    public IEnumerable<string> Values(string name) =>
        Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    private static string HostValue(Uri target)
    {
        var host = target.HostNameType == UriHostNameType.IPv6 ? $"[{target.DnsSafeHost}]" : target.Host;
        return target.IsDefaultPort ? host : $"{host}:{target.Port}";
    }
}
