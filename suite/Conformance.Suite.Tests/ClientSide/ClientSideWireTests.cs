using System.Buffers;
using System.Text;
using Conformance.Suite.Catalogue;
using Conformance.Suite.ClientSide;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.ClientSide;

/// <summary>The raw handshake of client cases: the client's request read, the server's response written, the report read.</summary>
public sealed class ClientSideWireTests
{
    // The opening request of RFC 6455 §1.3, with its sample key.
    private const string SampleRequest =
        "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://example.com\r\nSec-WebSocket-Version: 13\r\n\r\n";

    [Test]
    public void The_sample_request_of_section_1_3_parses_and_the_bytes_after_it_are_left()
    {
        var bytes = Encoding.ASCII.GetBytes(SampleRequest + "\x81");
        var status = ClientRequest.TryParse(bytes, out var request, out var consumed, out _);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(OperationStatus.Done));
            Assert.That(consumed, Is.EqualTo(bytes.Length - 1), "the frame byte after the head is not part of it");
            Assert.That((request!.Method, request.RequestTarget, request.ParsedVersion), Is.EqualTo(("GET", "/chat", new Version(1, 1))));
            Assert.That(request.Tokens("connection"), Is.EqualTo(new[] { "Upgrade" }));
            Assert.That(ClientRequest.KeyLength(request.Value(HandshakeRequest.Names.Key)!), Is.EqualTo(WebSocketAccept.KeyBytes));
        });
    }

    [TestCase("GET /chat HTTP/1.1\r\nHost: x\r\n", OperationStatus.NeedMoreData)]
    [TestCase("GET /chat\r\n\r\n", OperationStatus.InvalidData)]
    [TestCase("GET /chat HTTP/1.1\r\nno colon\r\n\r\n", OperationStatus.InvalidData)]
    public void A_partial_or_malformed_head_is_told_apart(string text, OperationStatus expected)
    {
        Assert.That(ClientRequest.TryParse(Encoding.ASCII.GetBytes(text), out _, out _, out _), Is.EqualTo(expected));
    }

    [Test]
    public void A_head_without_an_end_within_16_KiB_is_invalid()
    {
        var bytes = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nX: " + new string('a', ClientRequest.MaxHeadSize));
        Assert.That(ClientRequest.TryParse(bytes, out _, out _, out var error), Is.EqualTo(OperationStatus.InvalidData), error);
    }

    [Test]
    public void The_standard_response_carries_the_accept_of_section_1_3()
    {
        Assert.That(ServerResponse.Head(null, "dGhlIHNhbXBsZSBub25jZQ=="), Is.EqualTo(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"));
    }

    [Test]
    public void A_case_changes_status_then_removes_sets_and_adds_headers()
    {
        var changes = new HandshakeChanges
        {
            Status = "200 OK",
            Remove = ["connection"],
            Set = [new HttpHeader("Upgrade", "h2c")],
            Add = [new HttpHeader("Sec-WebSocket-Protocol", "p")],
        };
        Assert.That(ServerResponse.Head(changes, "dGhlIHNhbXBsZSBub25jZQ=="), Is.EqualTo(
            "HTTP/1.1 200 OK\r\nUpgrade: h2c\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: p\r\n\r\n"));
    }

    [Test]
    public void A_report_is_read_in_camel_case_and_its_strings_are_bounded()
    {
        var json = $"{{\"agent\":\"lib\",\"opened\":true,\"closeCode\":3000,\"closeReason\":\"{new string('r', 5000)}\",\"wasClean\":true,\"unknown\":1}}";
        Assert.Multiple(() =>
        {
            Assert.That(ClientReport.TryParse(Encoding.UTF8.GetBytes(json), out var report, out var error), Is.True, error);
            Assert.That((report!.Agent, report.Opened, report.CloseCode, report.WasClean), Is.EqualTo(("lib", (bool?)true, (int?)3000, (bool?)true)));
            Assert.That(report.CloseReason, Has.Length.EqualTo(ClientReport.MaxTextChars + 1), "cut, with an ellipsis");
        });
    }

    [TestCase("")]
    [TestCase("null")]
    [TestCase("{\"opened\": \"yes\"}")]
    [TestCase("[]")]
    public void A_malformed_report_is_refused(string json)
    {
        Assert.That(ClientReport.TryParse(Encoding.UTF8.GetBytes(json), out _, out _), Is.False);
    }

    [Test]
    public void An_oversized_report_is_refused()
    {
        Assert.That(ClientReport.TryParse(new byte[ClientReport.MaxBodyBytes + 1], out _, out var error), Is.False);
        Assert.That(error, Does.Contain("larger"));
    }
}
