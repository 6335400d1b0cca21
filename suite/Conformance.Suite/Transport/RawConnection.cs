using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Conformance.Suite.Results;

namespace Conformance.Suite.Transport;

/// <summary>What one read from the target returned.</summary>
public enum ReadOutcome
{
    /// <summary>Bytes arrived.</summary>
    Data,
    /// <summary>The peer closed its sending side (FIN).</summary>
    Eof,
    /// <summary>The peer reset the connection, or it broke.</summary>
    Reset,
    /// <summary>Nothing arrived before the deadline; the read stays pending for the next call.</summary>
    Timeout,
}

/// <summary>
/// A raw TCP (or TLS) connection to a target, or one a client made to the suite (client cases), without any
/// WebSocket logic: the suite writes exactly the bytes a case asks for. Reads never hang: each has a deadline, and a timed-out read stays pending (never cancelled,
/// which could corrupt a TLS stream) so the next read picks it up. Every byte in or out goes to the wire log.
/// </summary>
public sealed class RawConnection : IAsyncDisposable
{
    private const int ReadChunk = 64 * 1024;
    // Null for an accepted connection: its owner (the server that accepted it) closes the socket.
    private readonly Socket? socket;
    private readonly Stream stream;
    private readonly WireLog log;
    private readonly byte[] readBuffer = new byte[ReadChunk];
    private Task<int>? pendingRead;
    private bool broken;

    private RawConnection(Socket? socket, Stream stream, WireLog log)
    {
        this.socket = socket;
        this.stream = stream;
        this.log = log;
    }

    /// <summary>The address actually connected to.</summary>
    public EndPoint? RemoteEndPoint => socket?.RemoteEndPoint;

    /// <summary>
    /// A connection a client made to the suite (client cases), as the accepting server hands it over. Disposing it
    /// disposes <paramref name="stream"/>; closing TCP is left to that server.
    /// </summary>
    public static RawConnection Accepted(Stream stream, string peer, WireLog log)
    {
        log.Add(WireEventKind.Connected, WireDirection.None, $"accepted {peer}");
        return new RawConnection(null, stream, log);
    }

    /// <summary>
    /// Connects to the host and port of <paramref name="target"/> (ws/http: TCP; wss/https: TLS with SNI and ALPN
    /// http/1.1), trying every resolved address in turn.
    /// </summary>
    /// <exception cref="TargetUnreachableException">No address accepted the connection, or TLS failed.</exception>
    public static async Task<RawConnection> ConnectAsync(Uri target, TransportOptions options, WireLog log, CancellationToken cancellationToken)
    {
        var secure = target.Scheme is "wss" or "https";
        var host = target.DnsSafeHost;
        var port = target.IsDefaultPort ? (secure ? 443 : 80) : target.Port;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new TargetUnreachableException($"cannot resolve {host}: {e.Message}", e);
        }

        return await ConnectAnyAsync(addresses, port, host, secure, options, log, timeout.Token, cancellationToken);
    }

    /// <summary>Tries each address in turn; the first that accepts (and completes TLS when secure) wins.</summary>
    internal static async Task<RawConnection> ConnectAnyAsync(IReadOnlyList<IPAddress> addresses, int port, string host, bool secure, TransportOptions options, WireLog log, CancellationToken timeout, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), timeout);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                failures.Add($"{address}: {(e is OperationCanceledException ? "timed out" : ((SocketException)e).SocketErrorCode.ToString())}");
                continue;
            }

            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (secure)
            {
                stream = await AuthenticateAsync(stream, host, options, timeout, cancellationToken);
            }

            log.Add(WireEventKind.Connected, WireDirection.None, $"{(secure ? "tls" : "tcp")} {address}:{port}");
            return new RawConnection(socket, stream, log);
        }

        throw new TargetUnreachableException($"cannot connect to {host}:{port} ({string.Join("; ", failures)})");
    }

    /// <summary>Writes bytes; a reset or broken pipe is recorded (the peer dropped us), not thrown.</summary>
    /// <returns>False when the connection is broken and nothing more can be written.</returns>
    public async Task<bool> WriteAsync(ReadOnlyMemory<byte> bytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (broken)
        {
            return false;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await stream.WriteAsync(bytes, deadline.Token);
            await stream.FlushAsync(deadline.Token);
            log.Bytes(WireDirection.Out, bytes.Span);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A server that fails the connection resets it; later writes of the case land here.
            broken = true;
            log.Add(WireEventKind.Note, WireDirection.Out, $"write of {bytes.Length} bytes failed: {(e is OperationCanceledException ? "the target stopped reading" : e.Message)}");
            return false;
        }
    }

    /// <summary>Reads what is available before <paramref name="deadline"/> into <paramref name="into"/>.</summary>
    public async Task<(ReadOutcome Outcome, int Count)> ReadAsync(Memory<byte> into, DateTime deadline, CancellationToken cancellationToken)
    {
        if (broken && pendingRead is null)
        {
            return (ReadOutcome.Reset, 0);
        }

        pendingRead ??= ReadOnceAsync();
        var remaining = deadline - DateTime.UtcNow;
        if (!pendingRead.IsCompleted)
        {
            if (remaining <= TimeSpan.Zero)
            {
                return (ReadOutcome.Timeout, 0);
            }

            var delay = Task.Delay(remaining, cancellationToken);
            if (await Task.WhenAny(pendingRead, delay) != pendingRead)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return (ReadOutcome.Timeout, 0);
            }
        }

        return await TakeReadAsync(into);
    }

    /// <summary>
    /// Reads what arrives while <paramref name="other"/> runs (a write of ours): Timeout once it has ended with nothing
    /// read. The read stays pending for the next call, so no byte is lost.
    /// </summary>
    public async Task<(ReadOutcome Outcome, int Count)> ReadWhileAsync(Memory<byte> into, Task other)
    {
        if (broken && pendingRead is null)
        {
            return (ReadOutcome.Reset, 0);
        }

        pendingRead ??= ReadOnceAsync();
        if (!pendingRead.IsCompleted && await Task.WhenAny(pendingRead, other) != pendingRead)
        {
            return (ReadOutcome.Timeout, 0);
        }

        return await TakeReadAsync(into);
    }

    private async Task<(ReadOutcome Outcome, int Count)> TakeReadAsync(Memory<byte> into)
    {
        var read = pendingRead!;
        pendingRead = null;
        int count;
        try
        {
            count = await read;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            broken = true;
            log.Add(WireEventKind.Reset, WireDirection.In, e.InnerException?.Message ?? e.Message);
            return (ReadOutcome.Reset, 0);
        }

        if (count == 0)
        {
            broken = true;
            log.Add(WireEventKind.Eof, WireDirection.In);
            return (ReadOutcome.Eof, 0);
        }

        var take = Math.Min(count, into.Length);
        readBuffer.AsMemory(0, take).CopyTo(into);
        log.Bytes(WireDirection.In, readBuffer.AsSpan(0, take));
        if (take < count)
        {
            throw new InvalidOperationException("The read buffer given is smaller than a read chunk.");
        }

        return (ReadOutcome.Data, count);
    }

    /// <summary>The size a buffer given to <see cref="ReadAsync"/> must have at least.</summary>
    public static int MinReadBuffer => ReadChunk;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            socket?.Close(0);
            await stream.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // Already broken; nothing to release.
        }

        if (pendingRead is not null)
        {
            try
            {
                await pendingRead;
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The pending read ends with the socket; its outcome no longer matters.
            }
        }
    }

    private Task<int> ReadOnceAsync() => stream.ReadAsync(readBuffer.AsMemory()).AsTask();

    private static async Task<Stream> AuthenticateAsync(Stream inner, string host, TransportOptions options, CancellationToken timeout, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var authentication = new SslClientAuthenticationOptions
        {
            // SNI carries a host name only, never an address literal (RFC 6066 §3).
            TargetHost = IPAddress.TryParse(host, out _) ? "" : host,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        };
        options.ApplyTrust(authentication);

        try
        {
            await ssl.AuthenticateAsClientAsync(authentication, timeout);
            return ssl;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await ssl.DisposeAsync();
            throw new TargetUnreachableException($"TLS with {host} failed: {e.Message} (use --insecure or --ca-cert FILE for a private CA)", e);
        }
    }
}
