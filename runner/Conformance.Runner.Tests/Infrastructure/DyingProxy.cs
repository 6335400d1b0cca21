using System.Net;
using System.Net.Sockets;

namespace Conformance.Runner.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a real server that stops listening after a given number of
/// connections: a target that dies mid-run, at a point that does not depend on timing.
/// </summary>
internal sealed class DyingProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri backend;
    private readonly int connections;
    private readonly List<Task> pipes = [];
    private readonly Task acceptLoop;

    public DyingProxy(Uri backend, int connections)
    {
        this.backend = backend;
        this.connections = connections;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}{backend.PathAndQuery}");

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        await acceptLoop;
        await Task.WhenAll(pipes);
    }

    private async Task AcceptAsync()
    {
        for (var served = 0; served < connections; served++)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            pipes.Add(PipeAsync(client));
        }

        // From now on connections are refused: the target is gone.
        listener.Stop();
    }

    private async Task PipeAsync(Socket client)
    {
        using (client)
        using (var server = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, backend.Port);
                using var a = new NetworkStream(client);
                using var b = new NetworkStream(server);
                var first = await Task.WhenAny(a.CopyToAsync(b), b.CopyToAsync(a));
                await first;
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                // One side went away; the pipe ends with it.
            }
        }
    }
}
