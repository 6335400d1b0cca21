using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Conformance.Suite.Wire;

namespace Conformance.ReportSite.Tests.Fixtures;

/// <summary>
/// A WebSocket server on the loopback that speaks the protocol well enough to be tested, and puts
/// <see cref="Hostile.Strings"/> into everything it says: its Server header, a Sec-WebSocket-Protocol nobody
/// offered, a text message on every new connection, and the reason of every Close it sends. It echoes data
/// frames, answers pings, and fails the connection on RSV bits, reserved opcodes, unmasked frames and invalid
/// UTF-8 in a whole text message.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    // RFC 6455 §4.2.2: "the server has to take the value ... and concatenate this with the Globally Unique Identifier".
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC11B85";
    private const int MaxHead = 16 * 1024;
    private const int MaxPayload = 1024 * 1024;
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromSeconds(20);

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentBag<Task> connections = [];
    private readonly Task accepting;
    private int accepted;

    private HostileServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The ws:// URL of the server.</summary>
    public Uri Url => new($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>How many connections were accepted.</summary>
    public int Connections => Volatile.Read(ref accepted);

    /// <summary>Starts listening on 127.0.0.1 on a port the system picks.</summary>
    public static HostileServer Start() => new();

    /// <summary>The accept value for a key: base64(SHA-1(key + GUID)), RFC 6455 §4.2.2.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6455 §4.2.2 prescribes SHA-1; it proves the server read the key, it protects nothing.")]
    public static string Accept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key.Trim() + AcceptGuid)));

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        await Task.WhenAll(connections);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                connections.Add(ServeAsync(client, Interlocked.Increment(ref accepted)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(TcpClient client, int number)
    {
        using var owned = client;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        lifetime.CancelAfter(ConnectionLifetime);
        var token = lifetime.Token;
        var stream = client.GetStream();
        var said = number;
        string Next() => Hostile.Strings[said++ % Hostile.Strings.Count];
        try
        {
            var key = await ReadKeyAsync(stream, token);
            var answer = "HTTP/1.1 101 Switching Protocols\r\n" +
                "Upgrade: websocket\r\n" +
                "Connection: Upgrade\r\n" +
                $"Sec-WebSocket-Accept: {Accept(key)}\r\n" +
                $"Sec-WebSocket-Protocol: {Hostile.All}\r\n" +
                $"Server: {Hostile.All}\r\n\r\n";
            await stream.WriteAsync(Encoding.UTF8.GetBytes(answer), token);
            await SendAsync(stream, Opcode.Text, true, Encoding.UTF8.GetBytes(Next()), token);
            while (await ReadFrameAsync(stream, token) is { } frame)
            {
                if (!frame.Masked || frame.Rsv != 0 || Opcodes.IsReserved(frame.Opcode))
                {
                    await CloseAsync(client, CloseCodes.ProtocolError, Next(), token);
                    return;
                }

                switch (frame.Opcode)
                {
                    case Opcode.Close:
                        await CloseAsync(client, CloseCodes.Normal, Next(), token);
                        return;
                    case Opcode.Ping when frame.Payload.Length <= FrameCodec.MaxControlPayload:
                        await SendAsync(stream, Opcode.Pong, true, frame.Payload, token);
                        break;
                    case Opcode.Text when frame.Fin && !System.Text.Unicode.Utf8.IsValid(frame.Payload):
                        await CloseAsync(client, CloseCodes.InvalidPayload, Next(), token);
                        return;
                    case Opcode.Text or Opcode.Binary or Opcode.Continuation:
                        await SendAsync(stream, frame.Opcode, frame.Fin, frame.Payload, token);
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the server stopped.
        }
    }

    private static async Task<string> ReadKeyAsync(NetworkStream stream, CancellationToken token)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < MaxHead && !(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, token) == 0)
            {
                throw new EndOfStreamException("the client closed before its request head ended");
            }

            head.Add(one[0]);
        }

        // A request without a key is answered all the same: this server is sloppy as well as hostile.
        return Encoding.Latin1.GetString([.. head]).Split("\r\n")
            .Select(line => line.Split(':', 2))
            .FirstOrDefault(parts => parts.Length == 2 && parts[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))?[1].Trim() ?? "";
    }

    private static async Task<Frame?> ReadFrameAsync(NetworkStream stream, CancellationToken token)
    {
        var header = new byte[2];
        if (await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, token) < header.Length)
        {
            return null;
        }

        // Byte 0: FIN, RSV1-3, opcode. Byte 1: MASK, then a 7-bit length, 126 for a 16-bit one or 127 for a 64-bit one.
        var length = (long)(header[1] & 0x7F);
        if (length >= 126)
        {
            var extended = new byte[length == 126 ? 2 : 8];
            await stream.ReadExactlyAsync(extended, token);
            length = extended.Length == 2 ? BinaryPrimitives.ReadUInt16BigEndian(extended) : (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        if (length is < 0 or > MaxPayload)
        {
            throw new IOException($"a frame of {length} bytes is more than this fixture reads");
        }

        var masked = (header[1] & 0x80) != 0;
        var mask = new byte[masked ? 4 : 0];
        await stream.ReadExactlyAsync(mask, token);
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, token);
        for (var i = 0; masked && i < payload.Length; i++)
        {
            payload[i] ^= mask[i % 4];
        }

        return new Frame((header[0] & 0x80) != 0, (header[0] >> 4) & 0x7, (Opcode)(header[0] & 0x0F), masked, payload);
    }

    private static async Task SendAsync(NetworkStream stream, Opcode opcode, bool fin, byte[] payload, CancellationToken token)
    {
        // Server frames are not masked (RFC 6455 §5.1).
        var head = payload.Length switch
        {
            < 126 => new byte[] { 0, (byte)payload.Length },
            <= ushort.MaxValue => [0, 126, (byte)(payload.Length >> 8), (byte)payload.Length],
            _ => [0, 127, 0, 0, 0, 0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length],
        };
        head[0] = (byte)((fin ? 0x80 : 0) | (int)opcode);
        await stream.WriteAsync(head.Concat(payload).ToArray(), token);
    }

    private static async Task CloseAsync(TcpClient client, ushort code, string reason, CancellationToken token)
    {
        var payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        await SendAsync(client.GetStream(), Opcode.Close, true, payload, token);
        client.Client.Shutdown(SocketShutdown.Send);
    }

    private sealed record Frame(bool Fin, int Rsv, Opcode Opcode, bool Masked, byte[] Payload);
}
