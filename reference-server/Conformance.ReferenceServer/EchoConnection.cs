using System.Buffers;
using System.Net.WebSockets;
using Conformance.ReferenceServer.Framing;

namespace Conformance.ReferenceServer;

/// <summary>The choices of /echo that a <see cref="Variant"/> may change.</summary>
/// <param name="Variant">The one legitimate choice the server makes.</param>
/// <param name="Subprotocols">The subprotocols it supports.</param>
/// <param name="IdleCloseAfter">How long a connection may be silent under <see cref="Variant.IdleClose1001"/>.</param>
internal sealed record EchoChoices(Variant Variant, IReadOnlyList<string> Subprotocols, TimeSpan IdleCloseAfter);

/// <summary>The size rules of /echo.</summary>
/// <param name="MaxMessageSize">The largest message echoed; a larger one gets 1009.</param>
/// <param name="TruncateBinaryAt">The <see cref="Defect.BinaryTruncated"/> fixture: binary echoes are cut to this many bytes.</param>
internal sealed record EchoLimits(int MaxMessageSize, int? TruncateBinaryAt);

/// <summary>
/// One open /echo connection: echoes messages (or, with <see cref="Variant.RelaysFragments"/>, frames) until the
/// Close, and answers it. <paramref name="frames"/> is what the variant sees of the frames, when it needs to.
/// </summary>
internal sealed class EchoConnection(WebSocket socket, EchoLimits limits, EchoChoices choices, VariantFrames? frames, CancellationTokenSource connection)
{
    private const int ReceiveChunkSize = 16 * 1024;

    /// <summary>The frame size of <see cref="Variant.Refragments4KiB"/>.</summary>
    private const int RefragmentSize = 4 * 1024;

    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);

    private CancellationToken Token => connection.Token;

    public async Task RunAsync()
    {
        using var stopIdleWatch = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var idleWatch = frames?.Activity is { } activity ? CloseWhenIdleAsync(activity, stopIdleWatch.Token) : Task.CompletedTask;
        try
        {
            await (frames?.Boundaries is { } boundaries ? RelayAsync(boundaries) : EchoAsync());
        }
        finally
        {
            await stopIdleWatch.CancelAsync();
            await idleWatch;
        }
    }

    private async Task EchoAsync()
    {
        var message = new ArrayBufferWriter<byte>(ReceiveChunkSize);
        long received = 0; // data payload bytes on the connection so far
        while (await ReceiveDataAsync(message) is { } result)
        {
            received += result.Count;
            var oversizeFrame = frames?.OversizeFrames?.OversizeAt is { } at && received > at;
            if (await RefusedAsTooBigAsync(message.WrittenCount > limits.MaxMessageSize || oversizeFrame))
            {
                return;
            }

            if (result.EndOfMessage)
            {
                var echo = result.MessageType == WebSocketMessageType.Binary && limits.TruncateBinaryAt is { } cut && message.WrittenCount > cut
                    ? message.WrittenMemory[..cut]
                    : message.WrittenMemory;
                await SendEchoAsync(echo, result.MessageType);
                message.ResetWrittenCount();
            }
        }
    }

    /// <summary><see cref="Variant.RelaysFragments"/>: each data frame is sent on as soon as it is complete.</summary>
    private async Task RelayAsync(FrameBoundaries boundaries)
    {
        var frame = new ArrayBufferWriter<byte>(ReceiveChunkSize);
        long messageSize = 0;
        long? frameLeft = null; // payload bytes of the current frame still to come; null between frames
        while (await ReceiveDataAsync(frame) is { } result)
        {
            messageSize += result.Count;
            if (await RefusedAsTooBigAsync(messageSize > limits.MaxMessageSize))
            {
                return;
            }

            frameLeft = (frameLeft ?? (long)boundaries.Next(result.Count)) - result.Count;
            if (frameLeft > 0)
            {
                continue;
            }

            frameLeft = null;
            await socket.SendAsync(frame.WrittenMemory, result.MessageType, result.EndOfMessage, Token);
            frame.ResetWrittenCount();
            if (result.EndOfMessage)
            {
                messageSize = 0;
            }
        }
    }

    /// <summary>Receives the next run of data into <paramref name="buffer"/>; null once the client's Close is answered.</summary>
    private async Task<ValueWebSocketReceiveResult?> ReceiveDataAsync(ArrayBufferWriter<byte> buffer)
    {
        var result = await socket.ReceiveAsync(buffer.GetMemory(ReceiveChunkSize), Token);
        if (result.MessageType == WebSocketMessageType.Close)
        {
            await AnswerCloseAsync();
            return null;
        }

        buffer.Advance(result.Count);
        return result;
    }

    /// <summary>One message, in one frame, or in frames of 4 KiB with <see cref="Variant.Refragments4KiB"/>.</summary>
    private async Task SendEchoAsync(ReadOnlyMemory<byte> echo, WebSocketMessageType type)
    {
        var frameSize = choices.Variant == Variant.Refragments4KiB ? RefragmentSize : Math.Max(echo.Length, 1);
        for (var offset = 0; ; offset += frameSize)
        {
            var last = echo.Length - offset <= frameSize;
            await socket.SendAsync(echo.Slice(offset, last ? echo.Length - offset : frameSize), type, last, Token);
            if (last)
            {
                return;
            }
        }
    }

    /// <summary>Answers the client's Close: with its own code and reason, unless the variant answers otherwise.</summary>
    private async Task AnswerCloseAsync()
    {
        // After the server's own Close (IdleClose1001) the client's Close is the answer, not a request for one.
        if (socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        var (status, reason) = choices.Variant switch
        {
            // CloseReplyEmpty: the frame editor drops the code (ManagedWebSocket cannot send an empty Close).
            Variant.CloseReply1000 or Variant.CloseReplyEmpty => (WebSocketCloseStatus.NormalClosure, null),
            _ => (socket.CloseStatus ?? WebSocketCloseStatus.Empty, socket.CloseStatusDescription),
        };
        frames?.Closes?.AnnounceAnswer();
        await socket.CloseOutputAsync(status, reason, Token);
    }

    /// <summary>When <paramref name="tooBig"/>, closes with 1009 and returns true.</summary>
    private async Task<bool> RefusedAsTooBigAsync(bool tooBig)
    {
        if (!tooBig)
        {
            return false;
        }

        // CloseAsync waits for the client's Close (discarding the rest of the message), so the
        // 1009 is not lost to a reset; a client that never answers is cut off after the timeout.
        using var closing = CancellationTokenSource.CreateLinkedTokenSource(Token);
        closing.CancelAfter(CloseHandshakeTimeout);
        frames?.Closes?.AnnounceOwnClose();
        await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", closing.Token);
        return true;
    }

    /// <summary>
    /// <see cref="Variant.IdleClose1001"/>: once nothing has arrived for the idle time, sends Close 1001. The echo loop
    /// reads the client's answering Close; a client that never answers is cut off after the close timeout.
    /// </summary>
    private async Task CloseWhenIdleAsync(ActivityWatch activity, CancellationToken stop)
    {
        try
        {
            for (var quiet = activity.QuietFor; quiet < choices.IdleCloseAfter; quiet = activity.QuietFor)
            {
                await Task.Delay(choices.IdleCloseAfter - quiet, stop);
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "idle", stop);
            connection.CancelAfter(CloseHandshakeTimeout);
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
        catch (WebSocketException)
        {
            // The client's Close crossed the idle one: the connection is closing anyway.
        }
    }
}
