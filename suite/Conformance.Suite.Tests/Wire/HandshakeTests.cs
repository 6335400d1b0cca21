using System.Buffers;
using System.Text;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Wire;

/// <summary>The raw opening-handshake request (§4.1) and the parsing of the server's answer head (§4.2.2).</summary>
[TestFixture]
public sealed class HandshakeTests
{
    private const string RfcKey = "dGhlIHNhbXBsZSBub25jZQ==";

    private static string RequestText(string url, params HttpHeader[] extra) =>
        Encoding.UTF8.GetString(HandshakeRequest.Standard(new Uri(url), RfcKey, extra).ToBytes());

    private static OperationStatus Parse(string text, out HandshakeResponse? response, out int consumed, out string? error) =>
        HandshakeResponse.TryParse(Encoding.Latin1.GetBytes(text), out response, out consumed, out error);

    private static HandshakeResponse ParseDone(string text)
    {
        var status = Parse(text, out var response, out _, out var error);
        Assert.That(status, Is.EqualTo(OperationStatus.Done), error);
        return response!;
    }

    [Test]
    public void Standard_request_is_the_exact_text_of_section_4_1()
    {
        var text = RequestText("ws://127.0.0.1:9001/echo?x=1", new HttpHeader("Origin", "http://example.com"));

        Assert.That(text, Is.EqualTo(
            "GET /echo?x=1 HTTP/1.1\r\n" +
            "Host: 127.0.0.1:9001\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" +
            "Sec-WebSocket-Version: 13\r\n" +
            "Origin: http://example.com\r\n" +
            "\r\n"));
    }

    [Test]
    public void Extra_headers_follow_the_standard_ones_in_the_order_given_duplicates_kept()
    {
        var request = HandshakeRequest.Standard(new Uri("ws://h:1/"), RfcKey,
            [new HttpHeader("X-B", "2"), new HttpHeader("X-A", "1"), new HttpHeader("x-b", "3")]);

        Assert.Multiple(() =>
        {
            Assert.That(request.Headers.Select(h => h.Name), Is.EqualTo(new[]
            {
                "Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Sec-WebSocket-Version", "X-B", "X-A", "x-b",
            }));
            Assert.That(request.Values("X-b"), Is.EqualTo(new[] { "2", "3" }));
        });
    }

    [Test]
    public void Ipv6_literal_host_is_written_in_brackets_with_its_port()
    {
        var text = RequestText("ws://[::1]:9001/");

        Assert.That(text, Does.Contain("\r\nHost: [::1]:9001\r\n"));
    }

    [Test]
    public void Ipv6_literal_host_on_the_default_port_is_written_in_brackets_without_port()
    {
        var text = RequestText("ws://[2001:db8::1]/chat");

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("GET /chat HTTP/1.1\r\n"));
            Assert.That(text, Does.Contain("\r\nHost: [2001:db8::1]\r\n"));
        });
    }

    [TestCase("ws://example.com/chat", "example.com")]
    [TestCase("wss://example.com/chat", "example.com")]
    [TestCase("ws://example.com:8080/chat", "example.com:8080")]
    public void Host_omits_the_port_only_when_it_is_the_scheme_default(string url, string host)
    {
        Assert.That(RequestText(url), Does.Contain($"\r\nHost: {host}\r\n"));
    }

    [Test]
    public void Empty_path_becomes_slash()
    {
        Assert.That(RequestText("ws://example.com"), Does.StartWith("GET / HTTP/1.1\r\n"));
    }

    [Test]
    public void Request_values_are_found_case_insensitively()
    {
        var request = HandshakeRequest.Standard(new Uri("ws://h/"), RfcKey, []);

        Assert.That(request.Values("sec-websocket-key"), Is.EqualTo(new[] { RfcKey }));
    }

    [Test]
    public void Response_head_with_duplicate_headers_keeps_both_in_order()
    {
        var response = ParseDone(
            "HTTP/1.1 101 Switching Protocols\r\n" +
            "Upgrade: websocket\r\n" +
            "Connection: Upgrade\r\n" +
            "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n" +
            "Set-Cookie: a=1\r\n" +
            "set-cookie: b=2\r\n" +
            "\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(response.HttpVersion, Is.EqualTo("HTTP/1.1"));
            Assert.That(response.StatusCode, Is.EqualTo(HandshakeResponse.SwitchingProtocols));
            Assert.That(response.ReasonPhrase, Is.EqualTo("Switching Protocols"));
            Assert.That(response.Headers, Has.Count.EqualTo(5));
            Assert.That(response.Values("Set-Cookie"), Is.EqualTo(new[] { "a=1", "b=2" }));
            Assert.That(response.Headers[3], Is.EqualTo(new HttpHeader("Set-Cookie", "a=1")));
            Assert.That(response.Headers[4], Is.EqualTo(new HttpHeader("set-cookie", "b=2")));
        });
    }

    [Test]
    public void Response_value_lookup_is_case_insensitive_and_joins_repeated_lines()
    {
        var response = ParseDone(
            "HTTP/1.1 101 Switching Protocols\r\n" +
            "UPGRADE: websocket\r\n" +
            "connection: keep-alive, Upgrade\r\n" +
            "Connection:   close  \r\n" +
            "\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(response.Value("upgrade"), Is.EqualTo("websocket"));
            Assert.That(response.Values("CONNECTION"), Is.EqualTo(new[] { "keep-alive, Upgrade", "close" }));
            Assert.That(response.Value("Connection"), Is.EqualTo("keep-alive, Upgrade, close"));
            Assert.That(response.Value("Sec-WebSocket-Accept"), Is.Null);
            Assert.That(response.Values("Sec-WebSocket-Accept"), Is.Empty);
        });
    }

    [Test]
    public void Response_tokens_split_comma_lists_of_every_line_and_drop_empty_tokens()
    {
        var response = ParseDone(
            "HTTP/1.1 101 Switching Protocols\r\n" +
            "Connection: keep-alive,  Upgrade ,\r\n" +
            "connection: ,close\r\n" +
            "\r\n");

        Assert.That(response.Tokens("CONNECTION"), Is.EqualTo(new[] { "keep-alive", "Upgrade", "close" }));
    }

    [Test]
    public void Status_line_without_a_reason_phrase_parses_with_an_empty_reason()
    {
        var response = ParseDone("HTTP/1.0 400\r\n\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(response.HttpVersion, Is.EqualTo("HTTP/1.0"));
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.ReasonPhrase, Is.Empty);
            Assert.That(response.Headers, Is.Empty);
        });
    }

    [Test]
    public void Reason_phrase_keeps_its_spaces()
    {
        Assert.That(ParseDone("HTTP/1.1 426 Upgrade Required Now\r\n\r\n").ReasonPhrase, Is.EqualTo("Upgrade Required Now"));
    }

    [Test]
    public void Header_value_keeps_a_colon_after_the_first()
    {
        var response = ParseDone("HTTP/1.1 101 OK\r\nLocation: http://h:80/x\r\n\r\n");

        Assert.That(response.Value("location"), Is.EqualTo("http://h:80/x"));
    }

    [Test]
    public void Raw_head_is_the_text_before_the_blank_line()
    {
        const string head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket";

        Assert.That(ParseDone(head + "\r\n\r\n").RawHead, Is.EqualTo(head));
    }

    [Test]
    public void Every_prefix_before_the_blank_line_needs_more_data()
    {
        const string head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";

        Assert.Multiple(() =>
        {
            for (var length = 0; length < head.Length; length++)
            {
                var status = Parse(head[..length], out var response, out var consumed, out var error);
                Assert.That(status, Is.EqualTo(OperationStatus.NeedMoreData), $"prefix of {length}: {error}");
                Assert.That(response, Is.Null);
                Assert.That(consumed, Is.Zero);
            }
        });
    }

    [Test]
    public void Consumed_points_right_after_the_head_so_following_frame_bytes_are_kept()
    {
        const string head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n";
        byte[] frame = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]; // FIN text, length 5, "Hello" (§5.7)
        var bytes = Encoding.ASCII.GetBytes(head).Concat(frame).ToArray();

        var status = HandshakeResponse.TryParse(bytes, out _, out var consumed, out _);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(OperationStatus.Done));
            Assert.That(consumed, Is.EqualTo(head.Length));
            Assert.That(bytes[consumed..], Is.EqualTo(frame));
        });
    }

    [TestCase("SSH-2.0-OpenSSH_9.6\r\n")]
    [TestCase("S")]
    [TestCase("\u0016\u0003\u0001\u0002\u0000")]
    [TestCase("<html>\r\n\r\n")]
    public void Answer_that_is_not_http_is_invalid_as_soon_as_it_differs(string text)
    {
        var status = Parse(text, out var response, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(OperationStatus.InvalidData));
            Assert.That(response, Is.Null);
            Assert.That(error, Is.Not.Null.And.Not.Empty);
        });
    }

    [TestCase("HTTP/2 101 Switching Protocols\r\n\r\n")]
    [TestCase("HTTP/1.1 1010 Switching Protocols\r\n\r\n")]
    [TestCase("HTTP/1.1 abc Switching Protocols\r\n\r\n")]
    [TestCase("HTTP/1.1\r\n\r\n")]
    [TestCase("HTTP/1.1 +10 OK\r\n\r\n")]
    public void Bad_status_line_is_invalid(string text)
    {
        var status = Parse(text, out var response, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(OperationStatus.InvalidData));
            Assert.That(response, Is.Null);
            Assert.That(error, Does.Contain("status line"));
        });
    }

    [TestCase("HTTP/1.1 101 Switching Protocols\r\nUpgrade websocket\r\n\r\n")]
    [TestCase("HTTP/1.1 101 Switching Protocols\r\n: websocket\r\n\r\n")]
    public void Header_line_without_a_name_and_colon_is_invalid(string text)
    {
        var status = Parse(text, out var response, out var consumed, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(OperationStatus.InvalidData));
            Assert.That(response, Is.Null);
            Assert.That(consumed, Is.Zero);
            Assert.That(error, Does.Contain("name:"));
        });
    }

    [Test]
    public void Head_larger_than_the_limit_without_a_terminator_is_invalid()
    {
        var text = "HTTP/1.1 101 Switching Protocols\r\nX-Filler: " + new string('a', HandshakeResponse.MaxHeadSize);

        var status = Parse(text, out _, out _, out var error);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(OperationStatus.InvalidData));
            Assert.That(error, Does.Contain(HandshakeResponse.MaxHeadSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public void Head_at_exactly_the_limit_without_a_terminator_still_needs_more_data()
    {
        const string start = "HTTP/1.1 101 Switching Protocols\r\nX-Filler: ";
        var text = start + new string('a', HandshakeResponse.MaxHeadSize - start.Length);

        Assert.That(Parse(text, out _, out _, out _), Is.EqualTo(OperationStatus.NeedMoreData));
    }

    [Test]
    public void Head_larger_than_the_limit_is_invalid_even_when_its_end_has_arrived()
    {
        var text = "HTTP/1.1 101 Switching Protocols\r\nX-Filler: " + new string('a', HandshakeResponse.MaxHeadSize) + "\r\n\r\n";

        Assert.That(Parse(text, out _, out _, out _), Is.EqualTo(OperationStatus.InvalidData));
    }
}
