using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Conformance.Runner.Tests.Infrastructure;

/// <summary>How a hostile target misbehaves.</summary>
public enum Hostility
{
    /// <summary>Accepts TCP, reads everything, never writes a byte.</summary>
    NeverAnswers,
    /// <summary>Answers any request with a correct 101, then sends 64 KiB binary frames at full speed until the client leaves.</summary>
    Floods,
    /// <summary>Answers with bytes that are not HTTP and keeps the connection open.</summary>
    Garbage,
    /// <summary>Answers any request with a correct 101, writes half a frame, then resets the connection.</summary>
    ResetsMidFrame,
    /// <summary>Answers every upgrade with 401, its reason phrase carrying terminal escape sequences.</summary>
    Unauthorized,
}

/// <summary>A raw TCP server on 127.0.0.1 that misbehaves on purpose; written independently of the suite's codec.</summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private const int FloodFrame = 64 * 1024;
    private readonly TcpListener listener;
    private readonly Hostility hostility;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> connections = [];
    private readonly Task acceptLoop;

    public HostileServer(Hostility hostility)
    {
        this.hostility = hostility;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(512);
        acceptLoop = AcceptAsync();
    }

    public Uri WebSocketUri => new($"ws://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/echo");

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await acceptLoop;
        Task[] running;
        lock (connections)
        {
            running = [.. connections];
        }

        await Task.WhenAll(running);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (connections)
            {
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(ServeAsync(socket));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                switch (hostility)
                {
                    case Hostility.NeverAnswers:
                        var sink = new byte[4096];
                        while (await socket.ReceiveAsync(sink, stopping.Token) > 0)
                        {
                        }

                        break;
                    case Hostility.Garbage:
                        await ReadHeadAsync(socket);
                        await socket.SendAsync("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\u0001\u0002\u00ff garbage"u8.ToArray(), stopping.Token);
                        await Task.Delay(Timeout.Infinite, stopping.Token);
                        break;
                    case Hostility.Floods:
                        await socket.SendAsync(Upgrade(await ReadHeadAsync(socket)), stopping.Token);
                        var frame = new byte[4 + 8 + FloodFrame];
                        frame[0] = 0x82; // FIN + binary
                        frame[1] = 127;  // 64-bit length follows
                        frame[8] = 0x01; // length 0x0000000000010000 = 65536 (bytes 2-9, big endian)
                        while (!stopping.IsCancellationRequested)
                        {
                            await socket.SendAsync(frame.AsMemory(0, 10 + FloodFrame), stopping.Token);
                        }

                        break;
                    case Hostility.Unauthorized:
                        await ReadHeadAsync(socket);
                        await socket.SendAsync("HTTP/1.1 401 \u001b[2J\u001b[31mgo away\u0007\r\nWWW-Authenticate: Bearer\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), stopping.Token);
                        break;
                    case Hostility.ResetsMidFrame:
                        await socket.SendAsync(Upgrade(await ReadHeadAsync(socket)), stopping.Token);
                        await socket.SendAsync(new byte[] { 0x81, 0x7E, 0x01, 0x00, (byte)'h', (byte)'a' }, stopping.Token); // text, 16-bit length 256, 2 of 256 bytes
                        socket.LingerState = new LingerOption(true, 0); // close with RST
                        break;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client left or the server is stopping.
            }
        }
    }

    private async Task<string> ReadHeadAsync(Socket socket)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && head.Length < 65536)
        {
            var count = await socket.ReceiveAsync(buffer, stopping.Token);
            if (count == 0)
            {
                break;
            }

            head.Append(Encoding.Latin1.GetString(buffer, 0, count));
        }

        return head.ToString();
    }

    // A correct 101 for whatever was asked, so only the behaviour after the handshake is hostile.
    private static byte[] Upgrade(string requestHead)
    {
        var key = requestHead.Split("\r\n")
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault() ?? "";
#pragma warning disable CA5350 // SHA-1 is what RFC 6455 §4.2.2 prescribes for the accept value.
        var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")));
#pragma warning restore CA5350
        return Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n");
    }
}
