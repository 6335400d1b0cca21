using Conformance.ReferenceServer.Framing;

namespace Conformance.ReferenceServer.Tests;

/// <summary>The stream wrapper that puts the frame rewriter between Kestrel and ASP.NET Core's WebSocket.</summary>
public sealed class FrameFilterStreamTests
{
    private static readonly byte[] Hello = [0x81, 0x05, .. "hello"u8]; // FIN=1 text; MASK=0 len=5; "hello"

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(4096)]
    public async Task Reads_rewritten_frames_from_a_stream_that_delivers_one_byte_at_a_time(int readSize)
    {
        byte[] reserved = [0x83, 0x02, 0xAA, 0xBB]; // FIN=1 opcode 3 (reserved); MASK=0 len=2; payload
        await using var filter = new FrameFilterStream(
            new TrickleStream([.. reserved, .. Hello, .. reserved]),
            new FrameRewriter(FrameRewriterTests.Rewrite(Defect.AcceptsReservedOpcodes, client: true)),
            serverFrames: null);

        var read = await ReadToEndAsync(filter, readSize);

        Assert.That(read, Is.EqualTo(Hello));
    }

    [Test]
    public async Task Reports_the_end_of_the_stream_when_only_a_dropped_frame_remains()
    {
        await using var filter = new FrameFilterStream(
            new TrickleStream([0x83, 0x01, 0xAA]), // FIN=1 opcode 3 (reserved); MASK=0 len=1; payload
            new FrameRewriter(FrameRewriterTests.Rewrite(Defect.AcceptsReservedOpcodes, client: true)),
            serverFrames: null);

        var read = await filter.ReadAsync(new byte[16]);

        Assert.That(read, Is.Zero);
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(14)]
    public async Task Writes_rewritten_frames_whatever_the_write_splits(int writeSize)
    {
        using var inner = new MemoryStream();
        await using var filter = new FrameFilterStream(
            inner, clientFrames: null, new FrameRewriter(FrameRewriterTests.Rewrite(Defect.NonMinimalLengths, client: false)));
        byte[] frames = [.. Hello, .. Hello];

        for (var offset = 0; offset < frames.Length; offset += writeSize)
        {
            await filter.WriteAsync(frames.AsMemory(offset, Math.Min(writeSize, frames.Length - offset)));
        }

        byte[] longHello = [0x81, 0x7F, 0, 0, 0, 0, 0, 0, 0, 5, .. "hello"u8]; // FIN=1 text; len=127 + 64-bit 5; "hello"
        Assert.That(inner.ToArray(), Is.EqualTo(longHello.Concat(longHello)));
    }

    [Test]
    public async Task Leaves_a_direction_without_a_rewriter_untouched()
    {
        using var written = new MemoryStream();
        await using var filter = new FrameFilterStream(written, clientFrames: null, serverFrames: null);
        byte[] notAFrame = [0xFF, 0xFF, 0xFF];

        await filter.WriteAsync(notAFrame);

        Assert.That(written.ToArray(), Is.EqualTo(notAFrame));
    }

    private static async Task<byte[]> ReadToEndAsync(Stream stream, int readSize)
    {
        var result = new List<byte>();
        var buffer = new byte[readSize];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            result.AddRange(buffer.AsSpan(0, read));
        }

        return [.. result];
    }

    /// <summary>A readable stream that hands out its bytes one per read, the worst split a socket can produce.</summary>
    private sealed class TrickleStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => bytes.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position == bytes.Length || buffer.IsEmpty)
            {
                return 0;
            }

            buffer[0] = bytes[_position++];
            return 1;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
