using System.Buffers.Binary;
using System.Net.WebSockets;

namespace Conformance.ReferenceServer.Tests;

/// <summary>Each fixture variant visibly commits its one defect on the wire.</summary>
public sealed class DefectTests
{
    private static readonly byte[] Key = [0xA1, 0xB2, 0xC3, 0xD4];

    /// <summary>Inline, 16-bit and 64-bit length forms.</summary>
    private static readonly int[] MessageSizes = [5, 300, 200_000];

    [Test]
    public async Task WrongAcceptKey_upgrades_with_an_accept_value_that_does_not_match_the_key()
    {
        var head = await HandshakeAsync(Defect.WrongAcceptKey, RawWebSocket.UpgradeRequest());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(101));
            Assert.That(head.Values("Sec-WebSocket-Accept"), Has.Count.EqualTo(1));
            Assert.That(head.Values("Sec-WebSocket-Accept"), Has.None.EqualTo(RawWebSocket.SampleAccept));
        }
    }

    [Test]
    public async Task AcceptsVersion99_upgrades_a_handshake_for_version_99()
    {
        var head = await HandshakeAsync(Defect.AcceptsVersion99, RawWebSocket.UpgradeRequestWith(version: "99"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(101));
            Assert.That(head.Joined("Sec-WebSocket-Accept"), Is.EqualTo(RawWebSocket.SampleAccept));
        }
    }

    // The accept values are base64(SHA-1(key + the GUID of §1.3)), worked out once outside the code under test.
    [TestCase("!!not*base64 at all!!", "ANF3JuvIXCdwM9O+W2picbx5O+o=")]
    [TestCase("AQIDBAUGBwg=", "3rX2hTZ3KX6rgiU7x4+krR/1Jd8=")]
    public async Task AcceptsMalformedKeys_upgrades_a_malformed_key_with_the_accept_of_that_key(string key, string accept)
    {
        var head = await HandshakeAsync(Defect.AcceptsMalformedKeys, RawWebSocket.UpgradeRequestWith(key));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(101));
            Assert.That(head.Joined("Sec-WebSocket-Accept"), Is.EqualTo(accept));
        }
    }

    [Test]
    public async Task AcceptsMalformedKeys_still_refuses_a_handshake_without_a_key()
    {
        var head = await HandshakeAsync(Defect.AcceptsMalformedKeys, RawWebSocket.UpgradeRequestWith(key: null));

        Assert.That(head.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task MissingVersionHeaderOnReject_refuses_version_99_without_naming_version_13()
    {
        var head = await HandshakeAsync(Defect.MissingVersionHeaderOnReject, RawWebSocket.UpgradeRequestWith(version: "99"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(426));
            Assert.That(head.Values("Sec-WebSocket-Version"), Is.Empty);
        }
    }

    [TestCase("", TestName = "{m}(none offered)")]
    [TestCase("chat", TestName = "{m}(chat offered)")]
    public async Task SelectsUnofferedSubprotocol_always_selects_unoffered_example(string offered)
    {
        string[] protocolHeader = offered.Length == 0 ? [] : [$"Sec-WebSocket-Protocol: {offered}"];
        var head = await HandshakeAsync(
            Defect.SelectsUnofferedSubprotocol, RawWebSocket.UpgradeRequest([.. RawWebSocket.ValidUpgradeHeaders, .. protocolHeader]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(101));
            Assert.That(head.Joined("Sec-WebSocket-Protocol"), Is.EqualTo("unoffered.example"));
        }
    }

    [Test]
    public async Task AcceptsUnmaskedFrames_echoes_an_unmasked_frame()
    {
        var outcome = await RawWebSocket.FirstReplyAsync(
            Defect.AcceptsUnmaskedFrames,
            [0x81, 0x05, .. "hello"u8]); // FIN=1 text; MASK=0 len=5; "hello" in clear

        Assert.That(outcome, Is.EqualTo("text \"hello\""));
    }

    [Test]
    public async Task MasksOwnFrames_sends_a_masked_frame()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.MasksOwnFrames });
        using var raw = await RawWebSocket.OpenAsync(server.Port);

        await raw.SendAsync([0x81, 0x85, .. Key, .. RawWebSocket.Mask(Key, "hello")]); // FIN=1 text; MASK=1 len=5; key; "hello"
        var echo = await raw.ReadFrameAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echo?.Masked, Is.True);
            Assert.That(echo?.Header, Has.Length.EqualTo(6)); // 2 bytes, then a 4-byte masking key
            Assert.That(echo?.Text, Is.EqualTo("hello"), "the payload unmasks to the message");
        }
    }

    [Test]
    public async Task IgnoresRsvBits_echoes_a_frame_with_rsv1_set()
    {
        var outcome = await RawWebSocket.FirstReplyAsync(
            Defect.IgnoresRsvBits,
            [0xC1, 0x85, .. Key, .. RawWebSocket.Mask(Key, "hello")]); // FIN=1 RSV1=1 text; MASK=1 len=5; key; "hello"

        Assert.That(outcome, Is.EqualTo("text \"hello\""));
    }

    [Test]
    public async Task AcceptsReservedOpcodes_drops_the_frame_and_still_answers_a_ping()
    {
        var outcome = await RawWebSocket.FirstReplyAsync(
            Defect.AcceptsReservedOpcodes,
            [0x83, 0x85, .. Key, .. RawWebSocket.Mask(Key, "hello")], // FIN=1 opcode 3 (reserved); MASK=1 len=5; key; payload
            [0x89, 0x82, .. Key, .. RawWebSocket.Mask(Key, "pp")]); // FIN=1 ping; MASK=1 len=2; key; "pp"

        Assert.That(outcome, Is.EqualTo("pong \"pp\""));
    }

    [Test]
    public async Task NonMinimalLengths_sends_a_five_byte_payload_with_a_64_bit_length()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.NonMinimalLengths });
        using var raw = await RawWebSocket.OpenAsync(server.Port);

        await raw.SendAsync([0x81, 0x85, .. Key, .. RawWebSocket.Mask(Key, "hello")]); // FIN=1 text; MASK=1 len=5; key; "hello"
        var echo = await raw.ReadFrameAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(echo?.Header[1], Is.EqualTo(127)); // MASK=0, len=127: a 64-bit length follows
            Assert.That(echo is null ? 0 : BinaryPrimitives.ReadUInt64BigEndian(echo.Header.AsSpan(2)), Is.EqualTo(5));
            Assert.That(echo?.Text, Is.EqualTo("hello"));
        }
    }

    [Test]
    public async Task IgnoresLengthMsb_echoes_a_frame_whose_length_has_the_most_significant_bit_set()
    {
        var outcome = await RawWebSocket.FirstReplyAsync(
            Defect.IgnoresLengthMsb,
            [
                0x81, 0xFF, // FIN=1 text; MASK=1 len=127: a 64-bit length follows
                0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, // 0x8000000000000005
                .. Key, .. RawWebSocket.Mask(Key, "hello"), // key; 5 payload bytes
            ]);

        Assert.That(outcome, Is.EqualTo("text \"hello\""));
    }

    /// <summary>
    /// Everything but the defect is the reference server: a well-behaved client talking to a variant
    /// whose defect does not touch what the client does still gets its messages and close echoed,
    /// including messages large enough for the 16- and 64-bit length forms.
    /// </summary>
    [TestCase(Defect.AcceptsVersion99)]
    [TestCase(Defect.AcceptsMalformedKeys)]
    [TestCase(Defect.MissingVersionHeaderOnReject)]
    [TestCase(Defect.AcceptsUnmaskedFrames)]
    [TestCase(Defect.IgnoresRsvBits)]
    [TestCase(Defect.AcceptsReservedOpcodes)]
    [TestCase(Defect.NonMinimalLengths)]
    [TestCase(Defect.IgnoresLengthMsb)]
    [TestCase(Defect.NoUtf8Validation)]
    [TestCase(Defect.Utf8CheckedPerFrameOnly)]
    [TestCase(Defect.AcceptsFragmentedPings)]
    [TestCase(Defect.IgnoresPings)]
    [TestCase(Defect.WrongPongPayload)]
    [TestCase(Defect.AcceptsContinuationWithoutStart)]
    [TestCase(Defect.AcceptsInterleavedDataFrames)]
    [TestCase(Defect.AcceptsInvalidCloseCodes)]
    public async Task A_variant_still_echoes_a_well_behaved_client(Defect defect)
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = defect });
        using var client = await Clients.ConnectAsync(server, "chat");
        var received = new List<(WebSocketMessageType, byte[])>();

        foreach (var size in MessageSizes)
        {
            await Clients.SendAsync(client, Clients.Pattern(size), WebSocketMessageType.Binary);
            received.Add(await Clients.ReceiveAsync(client));
        }

        using var timeout = new CancellationTokenSource(Clients.Timeout);
        await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(client.SubProtocol, Is.EqualTo("chat"));
            Assert.That(received.Select(r => r.Item2.Length), Is.EqualTo(MessageSizes));
            Assert.That(received.Select(r => r.Item1), Is.All.EqualTo(WebSocketMessageType.Binary));
            Assert.That(received[^1].Item2, Is.EqualTo(Clients.Pattern(200_000)));
            Assert.That(client.CloseStatus, Is.EqualTo(WebSocketCloseStatus.NormalClosure));
            Assert.That(client.CloseStatusDescription, Is.EqualTo("done"));
        }
    }

    private static async Task<HttpHead> HandshakeAsync(Defect defect, string request)
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = defect });
        using var raw = await RawWebSocket.ConnectAsync(server.Port);
        await raw.SendAsync(request);
        return await raw.ReadHeadAsync();
    }
}
