using System.Text;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Wire;

namespace Conformance.Suite.ClientSide;

/// <summary>The server's answer to a client's opening request (§4.2.2), changed as a client case asks.</summary>
public static class ServerResponse
{
    /// <summary>The status of an accepted upgrade.</summary>
    public const string SwitchingProtocols = "101 Switching Protocols";

    /// <summary>
    /// The standard 101 — Upgrade: websocket, Connection: Upgrade, the correct Sec-WebSocket-Accept, no subprotocol
    /// and no extension — with the case's status, removals, replacements and additions applied, in that order.
    /// </summary>
    public static string Head(HandshakeChanges? changes, string key)
    {
        var headers = new List<HttpHeader>
        {
            new(HandshakeRequest.Names.Upgrade, "websocket"),
            new(HandshakeRequest.Names.Connection, "Upgrade"),
            new(HandshakeRequest.Names.Accept, WebSocketAccept.For(key)),
        };
        if (changes is not null)
        {
            headers.RemoveAll(h => changes.Remove.Contains(h.Name, StringComparer.OrdinalIgnoreCase));
            foreach (var set in changes.Set)
            {
                var at = headers.FindIndex(h => string.Equals(h.Name, set.Name, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    headers[at] = set;
                }
                else
                {
                    headers.Add(set);
                }
            }

            headers.AddRange(changes.Add);
        }

        var head = new StringBuilder($"HTTP/1.1 {changes?.Status ?? SwitchingProtocols}\r\n");
        foreach (var header in headers)
        {
            head.Append(header.Name).Append(": ").Append(header.Value).Append("\r\n");
        }

        return head.Append("\r\n").ToString();
    }
}
