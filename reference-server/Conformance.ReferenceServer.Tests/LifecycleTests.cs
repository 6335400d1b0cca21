using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace Conformance.ReferenceServer.Tests;

/// <summary>Starting, addressing and stopping the server.</summary>
public sealed class LifecycleTests
{
    [Test]
    public async Task Picks_a_free_loopback_port_and_reports_its_addresses()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Port, Is.InRange(1, 65535));
            Assert.That(server.BaseUri, Is.EqualTo(new Uri($"http://127.0.0.1:{server.Port}/")));
            Assert.That(server.WebSocketUri, Is.EqualTo(new Uri($"ws://127.0.0.1:{server.Port}/echo")));
        }
    }

    [Test]
    public async Task Listens_on_the_requested_port()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Port = port });

        Assert.That(server.Port, Is.EqualTo(port));
    }

    [Test]
    public async Task Answers_a_plain_GET_on_the_root_with_a_banner()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        using var http = new HttpClient { Timeout = Clients.Timeout };

        using var response = await http.GetAsync(server.BaseUri);
        var body = await response.Content.ReadAsStringAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            Assert.That(body, Is.EqualTo("Conformance reference server"));
        }
    }

    [Test]
    public async Task Stops_within_two_seconds_while_clients_are_connected()
    {
        var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        using var webSocket = await Clients.ConnectAsync(server);
        using var idle = await RawWebSocket.ConnectAsync(server.Port);
        using var halfHandshake = await RawWebSocket.ConnectAsync(server.Port);
        await halfHandshake.SendAsync("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n");

        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();
        clock.Stop();
        var ended = await ConnectionEndsAsync(webSocket);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
            Assert.That(ended, Is.True, "the WebSocket client should see its connection end");
        }
    }

    [Test]
    public async Task Writes_nothing_to_the_console()
    {
        var (originalOut, originalError) = (Console.Out, Console.Error);
        using var captured = new StringWriter();
        Console.SetOut(captured);
        Console.SetError(captured);
        try
        {
            // Start, serve a handshake refusal and a protocol error, stop: each would log by default.
            var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
            await RawWebSocket.FirstReplyAsync(Defect.None, [0x81, 0x06, .. "hello!"u8]); // FIN=1 text; MASK=0 len=6; "hello!"
            using (var raw = await RawWebSocket.ConnectAsync(server.Port))
            {
                await raw.SendAsync(RawWebSocket.Request("GET /echo HTTP/1.1", "Host: h"));
                await raw.ReadHeadAsync();
            }

            await server.DisposeAsync(); // flushes any logger queue
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.That(captured.ToString(), Is.Empty);
    }

    [Test]
    public async Task Can_be_disposed_twice()
    {
        var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());

        await server.DisposeAsync();

        Assert.That(async () => await server.DisposeAsync(), Throws.Nothing);
    }

    [Test]
    public async Task Rejects_missing_options()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => ReferenceServer.StartAsync(null!));
    }

    [Test]
    public async Task Rejects_a_negative_max_message_size()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ReferenceServer.StartAsync(new ReferenceServerOptions { MaxMessageSize = -1 }));
    }

    /// <summary>True once the connection is closed or aborted; false if it stays silent until the timeout.</summary>
    private static async Task<bool> ConnectionEndsAsync(WebSocket client)
    {
        try
        {
            var (type, _) = await Clients.ReceiveAsync(client);
            return type == WebSocketMessageType.Close;
        }
        catch (WebSocketException)
        {
            return true; // aborted without a closing handshake: the server was stopped, not closed politely
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
