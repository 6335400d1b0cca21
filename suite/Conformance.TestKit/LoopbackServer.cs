using System.Net;
using System.Net.Sockets;

namespace Conformance.TestKit;

/// <summary>
/// A raw TCP server on 127.0.0.1, on a port the system picks, that serves every connection it accepts with
/// <see cref="ServeAsync"/> until it is disposed; the fake targets of the tests are built on it.
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> connections = [];
    private readonly int? acceptLimit;
    private readonly Task acceptLoop;
    private int accepted;

    /// <summary>A server that accepts at most <paramref name="acceptLimit"/> connections (none: any number), then refuses the rest.</summary>
    protected LoopbackServer(int? acceptLimit = null)
    {
        this.acceptLimit = acceptLimit;
        listener.Start(512);
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // No client can connect before the port is known, so a subclass's constructor has finished by the first ServeAsync.
        acceptLoop = AcceptAsync();
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>How many connections were accepted.</summary>
    public int Connections => Volatile.Read(ref accepted);

    /// <summary>
    /// Waits until <paramref name="count"/> connections were accepted: a test that acts on a process mid-run waits for
    /// what the process did, not for a fixed time that a loaded machine may not honour. Fails the test after
    /// <paramref name="limit"/>.
    /// </summary>
    public async Task WaitForConnectionsAsync(int count, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Connections < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"only {Connections} of {count} connections within {limit}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Stops listening, cancels the connections' token and waits for every connection to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await acceptLoop;
        Task[] running;
        lock (connections)
        {
            running = [.. connections];
        }

        await Task.WhenAll(running);
        stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Serves connection number <paramref name="number"/> (from 1, in accept order); the socket is closed when it returns,
    /// and the peer leaving or the server stopping ends it quietly.
    /// </summary>
    protected abstract Task ServeAsync(Socket socket, int number, CancellationToken stopping);

    /// <summary>Reads until the blank line that ends an HTTP head; false when the client closed before it.</summary>
    protected static async Task<bool> ReadHeadAsync(Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[4096];
        var seen = new System.Text.StringBuilder();
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var count = await socket.ReceiveAsync(buffer, stopping);
            if (count == 0)
            {
                return false;
            }

            seen.Append(System.Text.Encoding.Latin1.GetString(buffer, 0, count));
        }

        return true;
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested && (acceptLimit is null || accepted < acceptLimit))
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var number = Interlocked.Increment(ref accepted);
            lock (connections)
            {
                connections.RemoveAll(t => t.IsCompleted);
                connections.Add(RunAsync(socket, number));
            }
        }

        // From now on connections are refused.
        listener.Stop();
    }

    private async Task RunAsync(Socket socket, int number)
    {
        using (socket)
        {
            try
            {
                await ServeAsync(socket, number, stopping.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client left or the server is stopping.
            }
        }
    }
}
