using System.Text;
using Conformance.Suite.Wire;

namespace Conformance.TestKit;

/// <summary>The server's side of the opening handshake for fake targets: read the request head, answer 101 with the key's accept value.</summary>
public static class RawHandshake
{
    private const int MaxHead = 64 * 1024;

    /// <summary>Reads the request head up to and including its blank line (byte by byte, so nothing after it is consumed), or 64 KiB of it.</summary>
    public static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < MaxHead && !(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new EndOfStreamException("the client closed before its request head ended");
            }

            head.Add(one[0]);
        }

        return Encoding.Latin1.GetString([.. head]);
    }

    /// <summary>The Sec-WebSocket-Key of a request head, trimmed, or "" without one.</summary>
    public static string Key(string requestHead) => requestHead.Split("\r\n")
        .Select(line => line.Split(':', 2))
        .FirstOrDefault(parts => parts.Length == 2 && parts[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))?[1].Trim() ?? "";

    /// <summary>A correct 101 for <paramref name="requestHead"/> (§4.2.2), with <paramref name="extraHeaders"/> ("Name: value" each) before the blank line.</summary>
    public static byte[] SwitchingProtocols(string requestHead, params string[] extraHeaders)
    {
        var answer = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
            .Append("Sec-WebSocket-Accept: ").Append(WebSocketAccept.For(Key(requestHead))).Append("\r\n");
        foreach (var header in extraHeaders)
        {
            answer.Append(header).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(answer.Append("\r\n").ToString());
    }
}
