using System.Net.Sockets;

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
internal sealed class HostileServer(Hostility hostility) : LoopbackServer
{
    private const int FloodFrame = 64 * 1024;

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/echo");

    protected override async Task ServeAsync(Socket socket, int number, CancellationToken stopping)
    {
        using var stream = new NetworkStream(socket);
        switch (hostility)
        {
            case Hostility.NeverAnswers:
                var sink = new byte[4096];
                while (await stream.ReadAsync(sink, stopping) > 0)
                {
                }

                break;
            case Hostility.Garbage:
                await RawHandshake.ReadHeadAsync(stream, stopping);
                await stream.WriteAsync("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\u0001\u0002\u00ff garbage"u8.ToArray(), stopping);
                await Task.Delay(Timeout.Infinite, stopping);
                break;
            case Hostility.Floods:
                // A correct 101 for whatever was asked, so only the behaviour after the handshake is hostile.
                await stream.WriteAsync(RawHandshake.SwitchingProtocols(await RawHandshake.ReadHeadAsync(stream, stopping)), stopping);
                var frame = new byte[4 + 8 + FloodFrame];
                frame[0] = 0x82; // FIN + binary
                frame[1] = 127;  // 64-bit length follows
                frame[8] = 0x01; // length 0x0000000000010000 = 65536 (bytes 2-9, big endian)
                while (!stopping.IsCancellationRequested)
                {
                    await stream.WriteAsync(frame.AsMemory(0, 10 + FloodFrame), stopping);
                }

                break;
            case Hostility.Unauthorized:
                await RawHandshake.ReadHeadAsync(stream, stopping);
                await stream.WriteAsync("HTTP/1.1 401 \u001b[2J\u001b[31mgo away\u0007\r\nWWW-Authenticate: Bearer\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), stopping);
                break;
            case Hostility.ResetsMidFrame:
                await stream.WriteAsync(RawHandshake.SwitchingProtocols(await RawHandshake.ReadHeadAsync(stream, stopping)), stopping);
                await stream.WriteAsync(new byte[] { 0x81, 0x7E, 0x01, 0x00, (byte)'h', (byte)'a' }, stopping); // text, 16-bit length 256, 2 of 256 bytes
                socket.LingerState = new LingerOption(true, 0); // close with RST
                break;
        }
    }
}
