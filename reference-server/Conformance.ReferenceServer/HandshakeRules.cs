using Microsoft.Net.Http.Headers;

namespace Conformance.ReferenceServer;

/// <summary>Why /echo refuses an upgrade, and whether §4.2.2 requires advertising the supported version.</summary>
internal sealed record HandshakeRejection(int StatusCode, string Reason, bool AdvertiseVersion);

/// <summary>
/// The RFC 6455 §4.2.1 opening-handshake checks that ASP.NET Core does not make by itself,
/// plus the mapping of every refusal to a status code.
/// </summary>
internal static class HandshakeRules
{
    /// <summary>The only protocol version this server speaks.</summary>
    public const string SupportedVersion = "13";

    /// <summary>
    /// Returns null when the request may be upgraded. <paramref name="aspNetAccepts"/> is ASP.NET
    /// Core's own verdict (method, Connection, Upgrade, one well-formed key, "13" among the versions).
    /// </summary>
    public static HandshakeRejection? Check(HttpRequest request, bool aspNetAccepts)
    {
        var headers = request.Headers;
        if (!headers.GetCommaSeparatedValues(HeaderNames.Upgrade).Contains("websocket", StringComparer.OrdinalIgnoreCase))
        {
            return new(StatusCodes.Status400BadRequest, "Not a WebSocket handshake: no \"Upgrade: websocket\".", false);
        }

        // §4.1: "the HTTP version MUST be at least 1.1". Kestrel upgrades an HTTP/1.0 request by itself.
        if (HttpProtocol.IsHttp10(request.Protocol))
        {
            return new(StatusCodes.Status400BadRequest, "A WebSocket handshake needs HTTP/1.1.", false);
        }

        // §11.3.1 and §11.3.5: these header fields MUST NOT appear more than once. ASP.NET Core
        // joins repeated lines and finds "13" among them, so it would accept a repeated version.
        if (headers.SecWebSocketKey.Count > 1 || headers.SecWebSocketVersion.Count > 1)
        {
            return new(StatusCodes.Status400BadRequest, "Sec-WebSocket-Key and Sec-WebSocket-Version must each appear once.", false);
        }

        if (headers.SecWebSocketVersion.Count == 0)
        {
            return new(StatusCodes.Status400BadRequest, "Sec-WebSocket-Version is missing.", false);
        }

        // A comma list such as "13, 8" is not a version either; ASP.NET Core would accept it.
        if (headers.SecWebSocketVersion.ToString() != SupportedVersion)
        {
            return new(StatusCodes.Status426UpgradeRequired, "Unsupported WebSocket version; this server speaks version 13.", true);
        }

        return aspNetAccepts ? null : new(StatusCodes.Status400BadRequest, "Invalid WebSocket handshake.", false);
    }
}
