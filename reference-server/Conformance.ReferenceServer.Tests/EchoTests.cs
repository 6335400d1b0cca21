using System.Net.WebSockets;
using System.Text;

namespace Conformance.ReferenceServer.Tests;

/// <summary>The correct reference server's /echo behaviour, seen through real clients and raw frames.</summary>
public sealed class EchoTests
{
    private static readonly byte[] Key = [0x37, 0xFA, 0x21, 0x3D];

    [TestCase(WebSocketMessageType.Text, 0)]
    [TestCase(WebSocketMessageType.Text, 125)]
    [TestCase(WebSocketMessageType.Text, 126)]
    [TestCase(WebSocketMessageType.Text, 65536)]
    [TestCase(WebSocketMessageType.Binary, 0)]
    [TestCase(WebSocketMessageType.Binary, 125)]
    [TestCase(WebSocketMessageType.Binary, 126)]
    [TestCase(WebSocketMessageType.Binary, 65536)]
    public async Task Echoes_a_message_with_the_same_type_and_bytes(WebSocketMessageType type, int size)
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        using var client = await Clients.ConnectAsync(server);
        var message = Clients.Pattern(size);

        await Clients.SendAsync(client, message, type);
        var (echoType, echo) = await Clients.ReceiveAsync(client);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echoType, Is.EqualTo(type));
            Assert.That(echo, Is.EqualTo(message));
        }
    }

    [Test]
    public async Task Echoes_a_fragmented_text_message_whole_even_when_a_character_is_split_across_fragments()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        using var client = await Clients.ConnectAsync(server);
        var text = Encoding.UTF8.GetBytes("café au lait");
        var split = Array.IndexOf(text, (byte)0xC3) + 1; // between the two bytes of 'é'

        await Clients.SendAsync(client, text[..split], WebSocketMessageType.Text, endOfMessage: false);
        await Clients.SendAsync(client, text[split..], WebSocketMessageType.Text, endOfMessage: true);
        var (echoType, echo) = await Clients.ReceiveAsync(client);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echoType, Is.EqualTo(WebSocketMessageType.Text));
            Assert.That(Encoding.UTF8.GetString(echo), Is.EqualTo("café au lait"));
        }
    }

    [Test]
    public async Task Answers_a_ping_inside_a_fragmented_message_and_then_echoes_the_message_as_one_frame()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        using var raw = await RawWebSocket.OpenAsync(server.Port);

        await raw.SendAsync(
            [0x01, 0x83, .. Key, .. RawWebSocket.Mask(Key, "Hel")], // FIN=0 text; MASK=1 len=3; key; "Hel"
            [0x89, 0x84, .. Key, .. RawWebSocket.Mask(Key, "ping")], // FIN=1 ping; MASK=1 len=4; key; "ping"
            [0x80, 0x82, .. Key, .. RawWebSocket.Mask(Key, "lo")]); // FIN=1 continuation; MASK=1 len=2; key; "lo"
        var pong = await raw.ReadFrameAsync();
        var echo = await raw.ReadFrameAsync();
        byte[] pongHeader = [0x8A, 0x04]; // FIN=1 pong; unmasked, len=4
        byte[] echoHeader = [0x81, 0x05]; // one FIN=1 text frame; unmasked, len=5

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pong?.Header, Is.EqualTo(pongHeader));
            Assert.That(pong?.Text, Is.EqualTo("ping"));
            Assert.That(echo?.Header, Is.EqualTo(echoHeader));
            Assert.That(echo?.Text, Is.EqualTo("Hello"));
        }
    }

    [Test]
    public async Task Echoes_the_closing_code_and_reason()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        using var client = await Clients.ConnectAsync(server);

        using var timeout = new CancellationTokenSource(Clients.Timeout);
        await client.CloseAsync((WebSocketCloseStatus)4001, "bye", timeout.Token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(client.State, Is.EqualTo(WebSocketState.Closed));
            Assert.That(client.CloseStatus, Is.EqualTo((WebSocketCloseStatus)4001));
            Assert.That(client.CloseStatusDescription, Is.EqualTo("bye"));
        }
    }

    [Test]
    public async Task Answers_a_close_and_then_closes_the_TCP_connection()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        using var raw = await RawWebSocket.OpenAsync(server.Port);

        byte[] closePayload = [0x03, 0xE8, .. "bye"u8]; // code 1000, reason "bye"
        await raw.SendAsync([0x88, 0x85, .. Key, .. RawWebSocket.Mask(Key, closePayload)]); // FIN=1 close; MASK=1 len=5; key; payload
        var close = await raw.ReadFrameAsync();
        var afterClose = await raw.ReadFrameAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(close?.Opcode, Is.EqualTo(0x8));
            Assert.That(close?.Masked, Is.False);
            Assert.That(close?.Payload, Is.EqualTo(closePayload));
            Assert.That(afterClose, Is.Null, "the server should close the TCP connection after the closing handshake");
        }
    }

    [Test]
    public async Task Closes_with_1009_when_a_message_exceeds_64_MiB()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        using var client = await Clients.ConnectAsync(server);

        await Clients.SendAsync(client, new byte[(64 * 1024 * 1024) + 1], WebSocketMessageType.Binary);
        var (type, _) = await Clients.ReceiveAsync(client);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(type, Is.EqualTo(WebSocketMessageType.Close));
            Assert.That(client.CloseStatus, Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
        }
    }

    [Test]
    public async Task Echoes_a_message_of_exactly_max_message_size_and_closes_with_1009_on_one_byte_more()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { MaxMessageSize = 1000 });
        using var client = await Clients.ConnectAsync(server);

        await Clients.SendAsync(client, Clients.Pattern(1000), WebSocketMessageType.Text);
        var (echoType, echo) = await Clients.ReceiveAsync(client);
        await Clients.SendAsync(client, Clients.Pattern(1001), WebSocketMessageType.Text);
        var (type, _) = await Clients.ReceiveAsync(client);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echoType, Is.EqualTo(WebSocketMessageType.Text));
            Assert.That(echo, Is.EqualTo(Clients.Pattern(1000)));
            Assert.That(type, Is.EqualTo(WebSocketMessageType.Close));
            Assert.That(client.CloseStatus, Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
        }
    }

    [Test]
    public async Task Counts_max_message_size_across_the_fragments_of_a_message()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { MaxMessageSize = 1000 });
        using var client = await Clients.ConnectAsync(server);

        await Clients.SendAsync(client, Clients.Pattern(600), WebSocketMessageType.Binary, endOfMessage: false);
        await Clients.SendAsync(client, Clients.Pattern(401), WebSocketMessageType.Binary, endOfMessage: true);
        var (type, _) = await Clients.ReceiveAsync(client);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(type, Is.EqualTo(WebSocketMessageType.Close));
            Assert.That(client.CloseStatus, Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
        }
    }
}
