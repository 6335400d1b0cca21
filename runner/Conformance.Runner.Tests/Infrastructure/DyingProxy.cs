using System.Net;
using System.Net.Sockets;

namespace Conformance.Runner.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a real server that stops listening after a given number of
/// connections: a target that dies mid-run, at a point that does not depend on timing.
/// </summary>
internal sealed class DyingProxy(Uri backend, int connections) : LoopbackServer(acceptLimit: connections)
{
    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}{backend.PathAndQuery}");

    protected override async Task ServeAsync(Socket socket, int number, CancellationToken stopping)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await server.ConnectAsync(IPAddress.Loopback, backend.Port, stopping);
        using var a = new NetworkStream(socket);
        using var b = new NetworkStream(server);
        // One side going away ends the pipe.
        var first = await Task.WhenAny(a.CopyToAsync(b, stopping), b.CopyToAsync(a, stopping));
        await first;
    }
}
