using System.Globalization;
using System.Text;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>
/// Limits and message framing of the reference REST API (RFC 9112 §3, §3.2, §6.3; RFC 9110 §15.5.14; RFC 6585 §5).
/// Most of these Kestrel answers itself, before the request reaches the API, with no content at all.
/// </summary>
public sealed class RestLimitTests : RestReferenceTests
{
    private const int MaxBody = 64 * 1024;

    private static readonly string[] HostLines = ["Host: 127.0.0.1", "Host: example.test"];

    [TestCase("Content-Length", MaxBody + 1, TestName = "{m}(Content-Length, one byte over)")]
    [TestCase("chunked", MaxBody + 1, TestName = "{m}(chunked, one byte over)")]
    [TestCase("declared only", 1024 * 1024, TestName = "{m}(Content-Length of 1 MiB, answered before any content)")]
    public async Task Content_over_64_KiB_gets_413_and_creates_nothing(string framing, int size)
    {
        var before = await RestHttp.CountAsync(Http);
        var json = Padded(size);
        var request = framing switch
        {
            "chunked" => RestHttp.Request("POST", "/api/items", "Content-Type: application/json", "Transfer-Encoding: chunked") + Chunked(json),
            "declared only" => RestHttp.Request("POST", "/api/items", "Content-Type: application/json", $"Content-Length: {size}"),
            _ => RestHttp.Request("POST", "/api/items", "Content-Type: application/json", $"Content-Length: {size}") + json,
        };

        // Only the head is read: with content still owed, Kestrel keeps the connection to drain it.
        using var raw = await RawWebSocket.ConnectAsync(Server.Port);
        await raw.SendAsync(request);
        var head = await raw.ReadHeadAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(413));
            Assert.That(head.Joined("Content-Type"), Is.EqualTo("application/problem+json"));
            Assert.That(await RestHttp.CountAsync(Http), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Content_of_exactly_64_KiB_is_read_and_a_chunked_one_too()
    {
        var json = Padded(MaxBody);

        var sized = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("POST", "/api/items", "Content-Type: application/json", $"Content-Length: {MaxBody}") + json);
        var chunked = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("POST", "/api/items", "Content-Type: application/json", "Transfer-Encoding: chunked") + Chunked(RestHttp.Sample));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sized.Head.StatusCode, Is.EqualTo(201));
            Assert.That(chunked.Head.StatusCode, Is.EqualTo(201));
        }
    }

    [TestCase(8 * 1024, TestName = "{m}(8 KiB)")]
    [TestCase(16 * 1024, TestName = "{m}(16 KiB)")]
    [TestCase(64 * 1024, TestName = "{m}(64 KiB)")]
    public async Task Kestrel_answers_a_request_target_over_8_KiB_with_414(int length)
    {
        var target = "/api/items?q=" + new string('a', length);

        var raw = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("GET", target));

        Assert.That(raw.Head.StatusCode, Is.EqualTo(414));
    }

    [Test]
    public async Task Kestrel_answers_a_64_KiB_header_field_with_431()
    {
        var raw = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("GET", "/api/items", "X-Large: " + new string('a', 64 * 1024)));

        Assert.That(raw.Head.StatusCode, Is.EqualTo(431));
    }

    [TestCase(0, TestName = "{m}(no Host)")]
    [TestCase(2, TestName = "{m}(two Host lines)")]
    public async Task Kestrel_answers_anHttp11_request_without_exactly_one_Host_with_400(int hosts)
    {
        string[] hostLines = [.. HostLines.Take(hosts)];

        var raw = await RestHttp.ExchangeAsync(Server.Port, RawWebSocket.Request("GET /api/items HTTP/1.1", [.. hostLines, "Connection: close"]));

        Assert.That(raw.Head.StatusCode, Is.EqualTo(400));
    }

    [TestCase("abc")]
    [TestCase("1, 2")]
    [TestCase("-1")]
    public async Task Kestrel_answers_an_invalid_Content_Length_with_400_and_closes(string contentLength)
    {
        using var raw = await RawWebSocket.ConnectAsync(Server.Port);
        // No "Connection: close": the server has to close by itself.
        await raw.SendAsync(RawWebSocket.Request("POST /api/items HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json", $"Content-Length: {contentLength}") + RestHttp.Sample);

        var head = await raw.ReadHeadAsync();
        await raw.ReadToEndAsync(); // returns once the server has closed

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.StatusCode, Is.EqualTo(400));
            Assert.That(head.Joined("Connection"), Is.EqualTo("close"));
        }
    }

    /// <summary>A valid item of exactly <paramref name="size"/> bytes: a name and a long "pad" member the server ignores.</summary>
    private static string Padded(int size)
    {
        const string Prefix = "{\"name\":\"widget\",\"pad\":\"";
        const string Suffix = "\"}";
        return Prefix + new string('p', size - Prefix.Length - Suffix.Length) + Suffix;
    }

    /// <summary>ASCII <paramref name="text"/> as one chunk and the last chunk (RFC 9112 §7.1).</summary>
    private static string Chunked(string text) =>
        $"{Encoding.ASCII.GetByteCount(text).ToString("x", CultureInfo.InvariantCulture)}\r\n{text}\r\n0\r\n\r\n";
}
