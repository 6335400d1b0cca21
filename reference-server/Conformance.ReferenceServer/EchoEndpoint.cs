using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Net.Http.Headers;

namespace Conformance.ReferenceServer;

/// <summary>
/// The /echo endpoint: validates the opening handshake, then echoes every complete message
/// back as one message of the same type, and answers a Close with the same status and reason.
/// All framing is done by ASP.NET Core's own WebSocket implementation.
/// </summary>
/// <param name="advertiseVersionOnReject">Name version 13 in a 426 answer to an unsupported version.</param>
/// <param name="maxMessageSize">The largest message echoed; a larger one is refused with 1009.</param>
/// <param name="serverStopping">Ends every connection when the server stops.</param>
/// <param name="truncateBinaryAt">The <see cref="Defect.BinaryTruncated"/> fixture: binary echoes are cut to this many bytes.</param>
internal sealed class EchoEndpoint(bool advertiseVersionOnReject, int maxMessageSize, CancellationToken serverStopping, int? truncateBinaryAt = null)
{
    private const int ReceiveChunkSize = 16 * 1024;

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The subprotocols this server speaks; the client's order of preference decides among them.</summary>
    private static readonly string[] SupportedSubprotocols = ["conformance.v1", "chat"];

    public async Task HandleAsync(HttpContext context)
    {
        if (HandshakeRules.Check(context.Request, context.WebSockets.IsWebSocketRequest) is { } rejection)
        {
            await RejectAsync(context.Response, rejection).ConfigureAwait(false);
            return;
        }

        var acceptContext = new WebSocketAcceptContext
        {
            SubProtocol = SelectSubprotocol(context.WebSockets.WebSocketRequestedProtocols),
            DangerousEnableCompression = false,
        };
        using var socket = await context.WebSockets.AcceptWebSocketAsync(acceptContext).ConfigureAwait(false);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        try
        {
            await EchoAsync(socket, maxMessageSize, truncateBinaryAt, connection.Token).ConfigureAwait(false);
        }
        catch (WebSocketException)
        {
            // Protocol errors and invalid UTF-8: ManagedWebSocket has already sent 1002/1007 and
            // aborted; ending the handler lets Kestrel close the connection.
        }
        catch (OperationCanceledException)
        {
            // The client went away or the server is stopping.
        }
    }

    /// <summary>The first offered subprotocol this server supports, or null to select none.</summary>
    private static string? SelectSubprotocol(IList<string> offered) =>
        offered.FirstOrDefault(p => SupportedSubprotocols.Contains(p, StringComparer.Ordinal));

    private async Task RejectAsync(HttpResponse response, HandshakeRejection rejection)
    {
        response.StatusCode = rejection.StatusCode;
        if (rejection.AdvertiseVersion && advertiseVersionOnReject)
        {
            response.Headers[HeaderNames.SecWebSocketVersion] = HandshakeRules.SupportedVersion;
        }

        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(rejection.Reason).ConfigureAwait(false);
    }

    private static async Task EchoAsync(WebSocket socket, int maxMessageSize, int? truncateBinaryAt, CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(ReceiveChunkSize);
        while (true)
        {
            var result = await socket.ReceiveAsync(message.GetMemory(ReceiveChunkSize), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(
                    socket.CloseStatus ?? WebSocketCloseStatus.Empty, socket.CloseStatusDescription, cancellationToken).ConfigureAwait(false);
                return;
            }

            message.Advance(result.Count);
            if (message.WrittenCount > maxMessageSize)
            {
                // CloseAsync waits for the client's Close (discarding the rest of the message), so the
                // 1009 is not lost to a reset; a client that never answers is cut off after the timeout.
                using var closing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                closing.CancelAfter(CloseHandshakeTimeout);
                await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", closing.Token).ConfigureAwait(false);
                return;
            }

            if (result.EndOfMessage)
            {
                var echo = result.MessageType == WebSocketMessageType.Binary && truncateBinaryAt is { } cut && message.WrittenCount > cut
                    ? message.WrittenMemory[..cut]
                    : message.WrittenMemory;
                await socket.SendAsync(echo, result.MessageType, endOfMessage: true, cancellationToken).ConfigureAwait(false);
                message.ResetWrittenCount();
            }
        }
    }
}
