using System.Net.WebSockets;
using Conformance.Suite.ClientSide;

namespace Conformance.Interop.Tests.ClientSide;

/// <summary>
/// Drives .NET's ClientWebSocket through one client case: connect, echo every message (same type), answer the
/// server's Close with its code and reason, and report what the API saw.
/// </summary>
internal static class ClientWebSocketDriver
{
    // §7.1.5: the close code an API reports when no Close frame was received.
    private const int Abnormal = 1006;

    public static async Task<ClientReport> RunCaseAsync(Uri caseUrl, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        var (opened, error, received) = (false, false, 0);
        string? detail = null;
        try
        {
            await socket.ConnectAsync(caseUrl, cancellationToken);
            opened = true;
            var buffer = new byte[64 * 1024];
            while (true)
            {
                using var message = new MemoryStream();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.Empty, socket.CloseStatusDescription, cancellationToken);
                    break;
                }

                received++;
                await socket.SendAsync(message.ToArray(), result.MessageType, endOfMessage: true, cancellationToken);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            error = true;
            detail = e.Message;
        }

        return new ClientReport
        {
            Agent = $".NET {Environment.Version} ClientWebSocket",
            Opened = opened,
            Error = error,
            CloseCode = socket.CloseStatus is { } status ? (int)status : Abnormal,
            CloseReason = socket.CloseStatusDescription,
            WasClean = !error && socket.CloseStatus is not null,
            Received = received,
            Detail = detail,
        };
    }
}
