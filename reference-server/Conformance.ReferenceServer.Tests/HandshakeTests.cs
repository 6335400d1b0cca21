using System.Net.WebSockets;

namespace Conformance.ReferenceServer.Tests;

/// <summary>The correct reference server's opening handshake (RFC 6455 §4.2).</summary>
public sealed class HandshakeTests
{
    [Test]
    public async Task Accepts_a_valid_upgrade_with_the_RFC_accept_value_and_no_duplicate_headers()
    {
        var head = await HandshakeAsync(RawWebSocket.UpgradeRequest());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(101));
            Assert.That(head.Joined("Sec-WebSocket-Accept"), Is.EqualTo(RawWebSocket.SampleAccept));
            Assert.That(head.Joined("Upgrade"), Is.EqualTo("websocket"));
            Assert.That(head.Values("Sec-WebSocket-Protocol"), Is.Empty);
            Assert.That(head.Values("Sec-WebSocket-Extensions"), Is.Empty);
            Assert.That(head.Headers.Select(h => h.Key.ToUpperInvariant()), Is.Unique);
        }
    }

    [Test]
    public async Task Treats_header_names_and_tokens_case_insensitively_and_finds_upgrade_in_a_connection_list()
    {
        var head = await HandshakeAsync(RawWebSocket.UpgradeRequest(
            "host: 127.0.0.1",
            "UPGRADE: WebSocket",
            "connection: keep-alive, UPGRADE",
            $"sec-websocket-key: {RawWebSocket.SampleKey}",
            "SEC-WEBSOCKET-VERSION: 13"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(101));
            Assert.That(head.Joined("Sec-WebSocket-Accept"), Is.EqualTo(RawWebSocket.SampleAccept));
        }
    }

    [TestCase("99")]
    [TestCase("8")]
    [TestCase("13, 8")]
    public async Task Answers_426_with_the_supported_version_to_another_version(string version)
    {
        var head = await HandshakeAsync(RawWebSocket.UpgradeRequest(
            "Host: 127.0.0.1",
            "Upgrade: websocket",
            "Connection: Upgrade",
            $"Sec-WebSocket-Key: {RawWebSocket.SampleKey}",
            $"Sec-WebSocket-Version: {version}"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(426));
            Assert.That(head.Joined("Sec-WebSocket-Version"), Is.EqualTo("13"));
        }
    }

    [TestCase("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", TestName = "{m}(a repeated Sec-WebSocket-Key)")]
    [TestCase("Sec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==", "Sec-WebSocket-Version: 13", TestName = "{m}(two different Sec-WebSocket-Keys)")]
    [TestCase("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 13", TestName = "{m}(a repeated Sec-WebSocket-Version)")]
    public async Task Answers_400_to_a_handshake_header_that_appears_twice(string firstExtra, string secondExtra)
    {
        var head = await HandshakeAsync(RawWebSocket.UpgradeRequest(
            "Host: 127.0.0.1",
            "Upgrade: websocket",
            "Connection: Upgrade",
            $"Sec-WebSocket-Key: {RawWebSocket.SampleKey}",
            firstExtra,
            secondExtra));

        Assert.That(head.StatusCode, Is.EqualTo(400));
    }

    [TestCase("GET /echo HTTP/1.1", "Host: h", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", TestName = "{m}(no Sec-WebSocket-Version)")]
    [TestCase("GET /echo HTTP/1.1", "Host: h", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13", TestName = "{m}(no Sec-WebSocket-Key)")]
    [TestCase("GET /echo HTTP/1.1", "Host: h", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZQ==", "Sec-WebSocket-Version: 13", TestName = "{m}(a key of 11 bytes)")]
    [TestCase("GET /echo HTTP/1.1", "Host: h", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: !!!!!!!!!!!!!!!!!!!!!!==", "Sec-WebSocket-Version: 13", TestName = "{m}(a key that is not base64)")]
    [TestCase("POST /echo HTTP/1.1", "Host: h", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", "Content-Length: 0", TestName = "{m}(POST)")]
    [TestCase("GET /echo HTTP/1.1", "Host: h", "Upgrade: websocket", "Connection: keep-alive", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", TestName = "{m}(Connection without Upgrade)")]
    [TestCase("GET /echo HTTP/1.1", "Host: h", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", TestName = "{m}(no Upgrade header)")]
    [TestCase("GET /echo HTTP/1.1", "Host: h", "Upgrade: h2c", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", TestName = "{m}(Upgrade to another protocol)")]
    [TestCase("GET /echo HTTP/1.0", "Host: h", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", TestName = "{m}(HTTP/1.0)")]
    [TestCase("GET /echo HTTP/1.1", "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13", TestName = "{m}(no Host)")]
    [TestCase("GET /echo HTTP/1.1", "Host: h", TestName = "{m}(a plain GET)")]
    public async Task Answers_400_to_an_invalid_handshake(string requestLine, params string[] headerLines)
    {
        var head = await HandshakeAsync(RawWebSocket.Request(requestLine, headerLines));

        Assert.That(head.StatusCode, Is.EqualTo(400));
    }

    [TestCase(new[] { "conformance.v1", "chat" }, "conformance.v1")]
    [TestCase(new[] { "chat", "conformance.v1" }, "chat")]
    [TestCase(new[] { "unknown", "chat" }, "chat")]
    [TestCase(new[] { "unknown" }, null)]
    [TestCase(new string[0], null)]
    public async Task Selects_the_first_offered_subprotocol_it_supports_or_none(string[] offered, string? expected)
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());

        using var client = await Clients.ConnectAsync(server, offered);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(client.State, Is.EqualTo(WebSocketState.Open));
            Assert.That(client.SubProtocol, Is.EqualTo(expected));
        }
    }

    [Test]
    public async Task Reads_subprotocols_offered_on_several_header_lines()
    {
        var head = await HandshakeAsync(RawWebSocket.UpgradeRequest(
            [.. RawWebSocket.ValidUpgradeHeaders, "Sec-WebSocket-Protocol: foo, Chat", "Sec-WebSocket-Protocol: bar, conformance.v1, chat"]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(101));
            // "Chat" is not "chat": subprotocol names are compared exactly.
            Assert.That(head.Joined("Sec-WebSocket-Protocol"), Is.EqualTo("conformance.v1"));
        }
    }

    [Test]
    public async Task Never_accepts_an_extension()
    {
        var head = await HandshakeAsync(RawWebSocket.UpgradeRequest(
            [.. RawWebSocket.ValidUpgradeHeaders, "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits"]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(101));
            Assert.That(head.Values("Sec-WebSocket-Extensions"), Is.Empty);
        }
    }

    private static async Task<HttpHead> HandshakeAsync(string request)
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        using var raw = await RawWebSocket.ConnectAsync(server.Port);
        await raw.SendAsync(request);
        return await raw.ReadHeadAsync();
    }
}
