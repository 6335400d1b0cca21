using Microsoft.Net.Http.Headers;

namespace Conformance.ReferenceServer;

/// <summary>
/// The opening-handshake choices of the <see cref="Variant"/>s: which offered subprotocol is selected, and which
/// offers are declined with 400 (RFC 6455 §4.2.2 step 5: "If the server chooses to accept the incoming connection").
/// </summary>
internal static class VariantHandshake
{
    /// <summary>
    /// The subprotocol to select from <paramref name="offered"/>, or null for none: the first offered one the server
    /// supports, or the last with <see cref="Variant.SelectsLastSubprotocol"/>.
    /// </summary>
    public static string? SelectSubprotocol(Variant variant, IList<string> offered, IReadOnlyList<string> supported)
    {
        var candidates = offered.Where(p => supported.Contains(p, StringComparer.Ordinal));
        return variant == Variant.SelectsLastSubprotocol ? candidates.LastOrDefault() : candidates.FirstOrDefault();
    }

    /// <summary>Null when <paramref name="variant"/> accepts the offers of this valid handshake; else why it declines them.</summary>
    public static HandshakeRejection? Check(Variant variant, HttpRequest request, IList<string> offered, IReadOnlyList<string> supported)
    {
        var selected = SelectSubprotocol(variant, offered, supported);
        return variant switch
        {
            Variant.RefusesUnknownSubprotocol when offered.Count > 0 && selected is null =>
                Decline($"None of the offered subprotocols is supported; this server speaks {string.Join(", ", supported)}."),
            Variant.RequiresSubprotocol when selected is null =>
                Decline($"A subprotocol is required; this server speaks {string.Join(", ", supported)}."),
            Variant.RefusesUnknownExtension when request.Headers.GetCommaSeparatedValues(HeaderNames.SecWebSocketExtensions).Length > 0 =>
                Decline("This server supports no WebSocket extension."),
            _ => null,
        };
    }

    private static HandshakeRejection Decline(string reason) => new(StatusCodes.Status400BadRequest, reason, AdvertiseVersion: false);
}
