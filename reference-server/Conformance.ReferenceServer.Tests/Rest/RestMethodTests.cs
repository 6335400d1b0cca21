using System.Text;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>Methods and routing of the reference REST API (RFC 9110 §9, §15.5.6, §15.6.2).</summary>
public sealed class RestMethodTests : RestReferenceTests
{
    private const string ItemsCollection = "GET, HEAD, OPTIONS, POST";
    private const string ItemsItem = "DELETE, GET, HEAD, OPTIONS, PUT";
    private const string ReadOnly = "GET, HEAD, OPTIONS";

    [TestCase("DELETE", "items", ItemsCollection)]
    [TestCase("PUT", "items", ItemsCollection)]
    [TestCase("PATCH", "items", ItemsCollection)]
    [TestCase("POST", "items/1", ItemsItem)]
    [TestCase("PATCH", "items/no-such-id", ItemsItem)]
    [TestCase("TRACE", "items/1", ItemsItem)]
    [TestCase("POST", "notes", ReadOnly)]
    [TestCase("PUT", "notes/1", ReadOnly)]
    [TestCase("DELETE", "notes/1", ReadOnly)]
    public async Task A_known_method_the_resource_does_not_allow_gets_405_with_an_Allow_of_exactly_its_methods(string method, string url, string allowed)
    {
        using var response = await Http.SendAsync(RestHttp.Message(new HttpMethod(method), url));

        await RestHttp.AssertProblemAsync(response, 405);
        Assert.That(RestHttp.AllowSet(string.Join(",", response.Content.Headers.Allow)), Is.EqualTo(RestHttp.AllowSet(allowed)));
    }

    [TestCase("items")]
    [TestCase("items/1")]
    [TestCase("notes/1")]
    public async Task An_invented_method_reaches_the_api_through_kestrel_and_gets_501(string url)
    {
        var raw = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("FOO", $"/api/{url}"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(raw.Head.StatusCode, Is.EqualTo(501));
            Assert.That(raw.Head.Joined("Content-Type"), Is.EqualTo("application/problem+json"));
            Assert.That(raw.Head.Values("Allow"), Is.Empty);
        }
    }

    [TestCase("/api/items", ItemsCollection)]
    [TestCase("/api/items/1", ItemsItem)]
    [TestCase("/api/notes", ReadOnly)]
    [TestCase("/api/notes/1", ReadOnly)]
    public async Task Options_gets_204_with_Allow_and_neither_Content_Length_nor_content(string target, string allowed)
    {
        var raw = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("OPTIONS", target));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(raw.Head.StatusCode, Is.EqualTo(204));
            Assert.That(RestHttp.AllowSet(raw.Head.Joined("Allow")), Is.EqualTo(RestHttp.AllowSet(allowed)));
            Assert.That(raw.Head.Values("Content-Length"), Is.Empty);
            Assert.That(raw.Head.Values("Date"), Has.Count.EqualTo(1));
            Assert.That(raw.Content, Is.Empty);
        }
    }

    [TestCase("items/{id}")]
    [TestCase("items")]
    [TestCase("notes/1")]
    [TestCase("notes")]
    public async Task Head_sends_the_header_fields_of_a_get_and_not_one_content_byte(string url)
    {
        var target = "/api/" + url.Replace("{id}", await RestHttp.CreateItemAsync(Http), StringComparison.Ordinal);

        var get = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("GET", target));
        var head = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("HEAD", target));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(get.Head.StatusCode, Is.EqualTo(200));
            Assert.That(head.Head.StatusCode, Is.EqualTo(200));
            Assert.That(head.Content, Is.Empty, "HEAD: no content on the wire");
            Assert.That(head.Head.Joined("Content-Length"), Is.EqualTo(get.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            foreach (var name in new[] { "Content-Type", "ETag", "Last-Modified", "Vary", "Cache-Control" })
            {
                Assert.That(head.Head.Joined(name), Is.EqualTo(get.Head.Joined(name)), name);
            }
        }
    }

    [TestCase("")]
    [TestCase("/nothing")]
    [TestCase("/items/1/parts")]
    public async Task An_unknown_path_under_the_api_gets_a_404_problem(string path)
    {
        using var response = await Http.GetAsync(new Uri(Server.RestUri + path));

        await RestHttp.AssertProblemAsync(response, 404);
    }

    [Test]
    public async Task The_root_banner_and_the_websocket_echo_are_still_served()
    {
        using var banner = await Http.GetAsync(Server.BaseUri);
        using var client = await Clients.ConnectAsync(Server);
        await Clients.SendAsync(client, Encoding.UTF8.GetBytes("hi"), System.Net.WebSockets.WebSocketMessageType.Text);
        var (_, echoed) = await Clients.ReceiveAsync(client);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await banner.Content.ReadAsStringAsync(), Is.EqualTo("Conformance reference server"));
            Assert.That(Encoding.UTF8.GetString(echoed), Is.EqualTo("hi"));
        }
    }
}
