using System.IO.Pipelines;

namespace Conformance.Interop.ClientSide;

/// <summary>
/// A Kestrel connection's transport as one Stream, for the suite's raw connection. Disposing it ends a pending
/// read but leaves the pipes to Kestrel, which completes them when the connection middleware returns.
/// </summary>
internal sealed class DuplexPipeStream(IDuplexPipe transport) : Stream
{
    private readonly Stream input = transport.Input.AsStream(leaveOpen: true);
    private readonly Stream output = transport.Output.AsStream(leaveOpen: true);

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => input.ReadAsync(buffer, cancellationToken);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => input.ReadAsync(buffer, offset, count, cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => output.WriteAsync(buffer, cancellationToken);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => output.WriteAsync(buffer, offset, count, cancellationToken);
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");
    public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);
    public override void Flush() => throw new NotSupportedException("asynchronous only");
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // A read still pending ends (canceled) so its owner can await it before Kestrel completes the pipe.
            transport.Input.CancelPendingRead();
        }

        base.Dispose(disposing);
    }
}
