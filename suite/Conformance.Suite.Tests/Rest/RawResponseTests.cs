using System.Net.Sockets;
using System.Text;
using Conformance.Suite.Rest;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Rest;

/// <summary>
/// A raw REST exchange reads the answer's head with the suite's one parser of response heads (the handshake's):
/// header lines in order, duplicates kept, names case-insensitive; a head it cannot read is status 0 with no headers.
/// </summary>
[TestFixture]
public sealed class RawResponseTests
{
    [Test]
    public async Task A_raw_answer_keeps_every_line_of_a_repeated_header_and_counts_the_bytes_after_the_head()
    {
        var raw = await ExchangeAsync("HTTP/1.1 400 Bad Request\r\nX-Seen: one\r\nx-seen: two\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");

        Assert.Multiple(() =>
        {
            Assert.That(raw.Status, Is.EqualTo(400));
            Assert.That(raw.Headers["X-SEEN"], Is.EqualTo(new[] { "one", "two" }));
            Assert.That(raw.Header("content-length"), Is.EqualTo("3"));
            Assert.That(raw.BodyBytes, Is.EqualTo(3));
            Assert.That(raw.Closed, Is.True);
        });
    }

    [Test]
    public async Task A_head_with_a_line_that_is_no_header_field_is_status_0_with_no_headers()
    {
        // A valid status line, then a line without a colon (RFC 9112 §5: field-name ":" OWS field-value OWS).
        var raw = await ExchangeAsync("HTTP/1.1 200 OK\r\nnot a header\r\n\r\n");

        Assert.Multiple(() =>
        {
            Assert.That(raw.Status, Is.Zero);
            Assert.That(raw.Headers, Is.Empty);
            Assert.That(raw.Head, Is.EqualTo("HTTP/1.1 200 OK\r\nnot a header"));
        });
    }

    private static async Task<RawHttpResponse> ExchangeAsync(string answer)
    {
        await using var server = new AnsweringServer(answer);
        var options = new RestRunOptions
        {
            Target = new Uri($"http://127.0.0.1:{server.Port}"),
            Profile = new RestProfile { Source = "test", Resources = [new RestResource { Name = "items", Collection = "/items", Item = "/items/{id}" }] },
            Timeout = TimeSpan.FromSeconds(5),
        };
        using var client = options.CreateClient();
        var session = new RestSession(client, options, new WireLog(Redactor.None));
        return await session.SendRawAsync(session.RawRequest("GET", "/items"));
    }

    // Reads the request head, writes the answer and closes.
    private sealed class AnsweringServer(string answer) : LoopbackServer
    {
        protected override async Task ServeAsync(Socket socket, int number, CancellationToken stopping)
        {
            if (!await ReadHeadAsync(socket, stopping))
            {
                return;
            }

            await socket.SendAsync(Encoding.Latin1.GetBytes(answer), stopping);
        }
    }
}
