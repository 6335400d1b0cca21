using System.Buffers.Binary;
using System.Net.Sockets;
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
internal sealed class HostileServer : LoopbackServer
{
    private const int MaxPayload = 1024 * 1024;
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromSeconds(20);

    private HostileServer()
    {
    }

    /// <summary>The ws:// URL of the server.</summary>
    public Uri Url => new($"ws://127.0.0.1:{Port}/");

    /// <summary>Starts listening on 127.0.0.1 on a port the system picks.</summary>
    public static HostileServer Start() => new();

    /// <inheritdoc/>
    protected override async Task ServeAsync(Socket socket, int number, CancellationToken stopping)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        lifetime.CancelAfter(ConnectionLifetime);
        var token = lifetime.Token;
        using var stream = new NetworkStream(socket);
        var said = number;
        string Next() => Hostile.Strings[said++ % Hostile.Strings.Count];
        // A request without a key is answered all the same: this server is sloppy as well as hostile.
        var head = await RawHandshake.ReadHeadAsync(stream, token);
        await stream.WriteAsync(RawHandshake.SwitchingProtocols(head, $"Sec-WebSocket-Protocol: {Hostile.All}", $"Server: {Hostile.All}"), token);
        await SendAsync(stream, Opcode.Text, true, Encoding.UTF8.GetBytes(Next()), token);
        while (await ReadFrameAsync(stream, token) is { } frame)
        {
            if (!frame.Masked || frame.Rsv != 0 || Opcodes.IsReserved(frame.Opcode))
            {
                await CloseAsync(socket, stream, CloseCodes.ProtocolError, Next(), token);
                return;
            }

            switch (frame.Opcode)
            {
                case Opcode.Close:
                    await CloseAsync(socket, stream, CloseCodes.Normal, Next(), token);
                    return;
                case Opcode.Ping when frame.Payload.Length <= FrameCodec.MaxControlPayload:
                    await SendAsync(stream, Opcode.Pong, true, frame.Payload, token);
                    break;
                case Opcode.Text when frame.Fin && !System.Text.Unicode.Utf8.IsValid(frame.Payload):
                    await CloseAsync(socket, stream, CloseCodes.InvalidPayload, Next(), token);
                    return;
                case Opcode.Text or Opcode.Binary or Opcode.Continuation:
                    await SendAsync(stream, frame.Opcode, frame.Fin, frame.Payload, token);
                    break;
            }
        }
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

    private static async Task CloseAsync(Socket socket, NetworkStream stream, ushort code, string reason, CancellationToken token)
    {
        var payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, code);
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        await SendAsync(stream, Opcode.Close, true, payload, token);
        socket.Shutdown(SocketShutdown.Send);
    }

    private sealed record Frame(bool Fin, int Rsv, Opcode Opcode, bool Masked, byte[] Payload);
}
