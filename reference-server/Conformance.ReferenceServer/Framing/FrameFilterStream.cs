namespace Conformance.ReferenceServer.Framing;

/// <summary>
/// The upgraded connection as ASP.NET Core's WebSocket sees it: bytes from the client pass
/// through <paramref name="clientFrames"/> before the WebSocket parses them, and bytes the
/// WebSocket writes pass through <paramref name="serverFrames"/> on their way to the client.
/// A null rewriter leaves that direction untouched. With <paramref name="leaveInnerOpen"/>, disposing this
/// stream leaves the inner one open.
/// </summary>
internal sealed class FrameFilterStream(Stream inner, FrameRewriter? clientFrames, FrameRewriter? serverFrames, bool leaveInnerOpen = false) : Stream
{
    private const int ChunkSize = 64 * 1024;

    private readonly byte[] _readChunk = new byte[clientFrames is null ? 0 : ChunkSize];
    private int _readStart;
    private int _readEnd;
    private readonly byte[] _writeChunk = new byte[serverFrames is null ? 0 : ChunkSize];

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (clientFrames is null)
        {
            return await inner.ReadAsync(buffer, cancellationToken);
        }

        // Header bytes are consumed without producing output, so an empty buffer could never be filled.
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            clientFrames.Convert(_readChunk.AsSpan(_readStart, _readEnd - _readStart), buffer.Span, out var consumed, out var written);
            _readStart += consumed;
            if (written > 0)
            {
                return written;
            }

            // Everything buffered was a partial header or a dropped frame: fetch more.
            var read = await inner.ReadAsync(_readChunk, cancellationToken);
            if (read == 0)
            {
                return 0;
            }

            _readStart = 0;
            _readEnd = read;
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (serverFrames is null)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            return;
        }

        var offset = 0;
        while (true)
        {
            serverFrames.Convert(buffer.Span[offset..], _writeChunk, out var consumed, out var written);
            offset += consumed;
            if (consumed == 0 && written == 0)
            {
                return;
            }

            await inner.WriteAsync(_writeChunk.AsMemory(0, written), cancellationToken);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    // ManagedWebSocket only uses the async paths, and Kestrel forbids synchronous I/O on upgraded streams anyway.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveInnerOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
