using System.Net.WebSockets;

namespace Conformance.ReferenceServer.Tests;

/// <summary>Helpers around <see cref="ClientWebSocket"/>, each bounded by a timeout.</summary>
internal static class Clients
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<ClientWebSocket> ConnectAsync(ReferenceServer server, params string[] subprotocols)
    {
        var client = new ClientWebSocket();
        client.Options.KeepAliveInterval = TimeSpan.Zero;
        foreach (var subprotocol in subprotocols)
        {
            client.Options.AddSubProtocol(subprotocol);
        }

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await client.ConnectAsync(server.WebSocketUri, timeout.Token);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public static async Task SendAsync(WebSocket client, byte[] message, WebSocketMessageType type, bool endOfMessage = true)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await client.SendAsync(message, type, endOfMessage, timeout.Token);
    }

    /// <summary>Receives one whole message (or the Close) and returns its type and bytes.</summary>
    public static async Task<(WebSocketMessageType Type, byte[] Bytes)> ReceiveAsync(WebSocket client)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var bytes = new List<byte>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await client.ReceiveAsync(buffer, timeout.Token);
            bytes.AddRange(buffer.AsSpan(0, result.Count));
            if (result.EndOfMessage)
            {
                return (result.MessageType, [.. bytes]);
            }
        }
    }

    /// <summary>Bytes of a message of <paramref name="size"/> bytes: ASCII letters, so valid UTF-8 for text too.</summary>
    public static byte[] Pattern(int size) => [.. Enumerable.Range(0, size).Select(i => (byte)('a' + (i % 26)))];
}
