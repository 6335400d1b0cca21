using System.Buffers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Conformance.Suite.ClientSide;
using Conformance.Suite.Wire;

namespace Conformance.Interop.Tests.ClientSide;

/// <summary>
/// A fixture client that ignores every error: it never checks the status, headers or Sec-WebSocket-Accept, echoes
/// every data frame's payload as it came (masked, RSV bits, reserved opcodes, invalid UTF-8 and all), answers every
/// Ping and Close with the same payload, never closes first, and reports a clean, error-free connection. The client
/// cases must catch it.
/// </summary>
internal static class PermissiveClient
{
    // A frame declaring more than this is never waited for (the MSB-set length): the client just keeps reading.
    private const ulong MaxFrame = 1 << 20;

    public static async Task<ClientReport> RunCaseAsync(Uri caseUrl, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient { NoDelay = true };
        int? closeCode = null;
        string? closeReason = null;
        try
        {
            await tcp.ConnectAsync(caseUrl.Host, caseUrl.Port, cancellationToken);
            var stream = tcp.GetStream();
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(WebSocketAccept.KeyBytes));
            var request = $"GET {caseUrl.PathAndQuery} HTTP/1.1\r\nHost: {caseUrl.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
            var inbox = new ArrayBufferWriter<byte>();
            var read = new byte[64 * 1024];
            var headRead = false;
            while (true)
            {
                var count = await stream.ReadAsync(read, cancellationToken);
                if (count == 0)
                {
                    break;
                }

                inbox.Write(read.AsSpan(0, count));
                var pending = inbox.WrittenMemory;
                if (!headRead)
                {
                    // Whatever the response says, the connection is "open" once its head ended.
                    var end = pending.Span.IndexOf("\r\n\r\n"u8);
                    if (end < 0)
                    {
                        continue;
                    }

                    headRead = true;
                    pending = pending[(end + 4)..];
                }

                while (FrameCodec.TryReadHeader(pending.Span, out var header, out var size) == OperationStatus.Done && header.DeclaredLength <= MaxFrame && pending.Length >= size + (int)header.DeclaredLength)
                {
                    var payload = pending.Slice(size, (int)header.DeclaredLength).ToArray();
                    pending = pending[(size + payload.Length)..];
                    if (header.Masked)
                    {
                        FrameCodec.ApplyMask(payload, header.MaskKey, 0);
                    }

                    if (header.Opcode == Opcode.Pong)
                    {
                        continue;
                    }

                    if (header.Opcode == Opcode.Close)
                    {
                        closeCode ??= payload.Length >= 2 ? payload[0] << 8 | payload[1] : 1005;
                        closeReason ??= payload.Length > 2 ? Encoding.UTF8.GetString(payload, 2, payload.Length - 2) : "";
                    }

                    var answer = header.Opcode == Opcode.Ping ? Opcode.Pong : header.Opcode;
                    var echo = new FrameHeader(header.Fin, header.Rsv, answer, Masked: true, (ulong)payload.Length, BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4)));
                    await stream.WriteAsync(FrameCodec.Encode(echo, payload), cancellationToken);
                }

                var rest = pending.ToArray();
                inbox.ResetWrittenCount();
                inbox.Write(rest);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // Ignored, like every other error.
        }

        return new ClientReport { Agent = "permissive fixture client", Opened = true, Error = false, CloseCode = closeCode ?? 1000, CloseReason = closeReason ?? "", WasClean = true };
    }
}
