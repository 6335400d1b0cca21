using System.Net.WebSockets;
using Conformance.ReferenceServer.Framing;
using Microsoft.Net.Http.Headers;

namespace Conformance.ReferenceServer;

/// <summary>
/// The /echo endpoint: validates the opening handshake, then echoes every complete message
/// back as one message of the same type, and answers a Close with the same status and reason.
/// All framing is done by ASP.NET Core's own WebSocket implementation; a <see cref="Variant"/> changes one choice.
/// </summary>
/// <param name="advertiseVersionOnReject">Name version 13 in a 426 answer to an unsupported version.</param>
/// <param name="maxMessageSize">The largest message echoed; a larger one is refused with 1009.</param>
/// <param name="choices">The variant, the supported subprotocols and the idle timeout.</param>
/// <param name="serverStopping">Ends every connection when the server stops.</param>
/// <param name="truncateBinaryAt">The <see cref="Defect.BinaryTruncated"/> fixture: binary echoes are cut to this many bytes.</param>
internal sealed class EchoEndpoint(bool advertiseVersionOnReject, int maxMessageSize, EchoChoices choices, CancellationToken serverStopping, int? truncateBinaryAt = null)
{
    /// <summary>How often <see cref="Variant.PingsEvery100Ms"/> pings and <see cref="Variant.UnsolicitedPongsEvery100Ms"/> pongs.</summary>
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long ManagedWebSocket waits for the Pong to its keep-alive Ping before it aborts: far longer than any run,
    /// so a late Pong never closes the connection (its next Ping follows the Pong).
    /// </summary>
    private static readonly TimeSpan PongWait = TimeSpan.FromHours(1);

    public async Task HandleAsync(HttpContext context)
    {
        var offered = context.WebSockets.WebSocketRequestedProtocols;
        if ((HandshakeRules.Check(context.Request, context.WebSockets.IsWebSocketRequest)
            ?? VariantHandshake.Check(choices.Variant, context.Request, offered, choices.Subprotocols)) is { } rejection)
        {
            await RejectAsync(context.Response, rejection);
            return;
        }

        var acceptContext = new WebSocketAcceptContext
        {
            SubProtocol = VariantHandshake.SelectSubprotocol(choices.Variant, offered, choices.Subprotocols),
            DangerousEnableCompression = false,
        };
        switch (choices.Variant)
        {
            // ManagedWebSocket's keep-alive: with a timeout it sends Pings (an 8-byte counter, unique on the
            // connection) and expects their Pongs; without one it sends unsolicited Pongs.
            case Variant.PingsEvery100Ms:
                acceptContext.KeepAliveInterval = HeartbeatInterval;
                acceptContext.KeepAliveTimeout = PongWait;
                break;
            case Variant.UnsolicitedPongsEvery100Ms:
                acceptContext.KeepAliveInterval = HeartbeatInterval;
                acceptContext.KeepAliveTimeout = Timeout.InfiniteTimeSpan;
                break;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(acceptContext);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, serverStopping);
        var echo = new EchoConnection(socket, new EchoLimits(maxMessageSize, truncateBinaryAt), choices, context.Features.Get<VariantFrames>(), connection);
        try
        {
            await echo.RunAsync();
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

    private async Task RejectAsync(HttpResponse response, HandshakeRejection rejection)
    {
        response.StatusCode = rejection.StatusCode;
        if (rejection.AdvertiseVersion && advertiseVersionOnReject)
        {
            response.Headers[HeaderNames.SecWebSocketVersion] = HandshakeRules.SupportedVersion;
        }

        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(rejection.Reason);
    }
}
