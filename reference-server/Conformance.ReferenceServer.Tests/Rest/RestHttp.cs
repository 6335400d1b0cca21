using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>A response read off a bare socket: the head, and every byte after it until the server closed.</summary>
internal sealed record RawResponse(HttpHead Head, byte[] Content);

/// <summary>Talking to the reference REST API, through HttpClient or a bare socket.</summary>
internal static partial class RestHttp
{
    /// <summary>The profile's sample item, in the exact form the server stores (members in its order, no spaces).</summary>
    public const string Sample = """{"name":"widget","price":3}""";

    /// <summary>An HttpClient whose relative URLs ("items/1") resolve under /api/.</summary>
    public static HttpClient Client(ReferenceServer server) => new() { BaseAddress = new Uri(server.BaseUri, "api/"), Timeout = Clients.Timeout };

    public static HttpClient Client(ReferenceServer server, string scheme, string credentials)
    {
        var client = Client(server);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, credentials);
        return client;
    }

    /// <summary>JSON content: "Content-Type: application/json", no charset parameter.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

    public static HttpRequestMessage Message(HttpMethod method, string url, params (string Name, string Value)[] headers)
    {
        var message = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    /// <summary>POSTs <paramref name="json"/> to /api/items and returns the new item's id.</summary>
    public static async Task<string> CreateItemAsync(HttpClient http, string json = Sample)
    {
        using var response = await http.PostAsync("items", Json(json));
        Assert.That((int)response.StatusCode, Is.EqualTo(201), "creating an item");
        return Member(await response.Content.ReadAsStringAsync(), "id");
    }

    /// <summary>The strong tag a GET of <paramref name="url"/> returns, as sent.</summary>
    public static async Task<string> ETagAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        return response.Headers.ETag?.ToString() ?? throw new AssertionException($"GET {url} sent no ETag");
    }

    /// <summary>The string value of member <paramref name="name"/> of a JSON object.</summary>
    public static string Member(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).ToString();
    }

    /// <summary>How many elements GET /api/<paramref name="collection"/> lists.</summary>
    public static async Task<int> CountAsync(HttpClient http, string collection = "items")
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(collection));
        return document.RootElement.GetArrayLength();
    }

    /// <summary>Asserts that <paramref name="response"/> is an RFC 9457 problem whose status is <paramref name="status"/>.</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("about:blank"));
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo(response.ReasonPhrase), "about:blank: the title is the reason phrase");
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo(status));
            Assert.That(problem.GetProperty("detail").GetString(), Is.Not.Empty);
        }
    }

    /// <summary>A request for a bare socket: Host and "Connection: close" first, so the server closes after answering.</summary>
    public static string Request(string method, string target, params string[] headerLines) =>
        RawWebSocket.Request($"{method} {target} HTTP/1.1", ["Host: 127.0.0.1", "Connection: close", .. headerLines]);

    /// <summary>A request with <paramref name="json"/> as its content, declared as application/json.</summary>
    public static string RequestWithJson(string method, string target, string json, params string[] headerLines) =>
        Request(method, target, [.. headerLines, "Content-Type: application/json", $"Content-Length: {Encoding.UTF8.GetByteCount(json)}"]) + json;

    /// <summary>Sends <paramref name="request"/> on a fresh connection and reads the response head and everything after it.</summary>
    public static async Task<RawResponse> ExchangeAsync(int port, string request)
    {
        using var raw = await RawWebSocket.ConnectAsync(port);
        await raw.SendAsync(request);
        var head = await raw.ReadHeadAsync();
        return new RawResponse(head, await raw.ReadToEndAsync());
    }

    /// <summary>RFC 9110 §5.6.7 IMF-fixdate: <c>Sun, 06 Nov 1994 08:49:37 GMT</c>.</summary>
    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$")]
    public static partial Regex ImfFixdate();

    /// <summary>RFC 9110 §8.8.3: <c>entity-tag = [ weak ] opaque-tag</c>, <c>opaque-tag = DQUOTE *etagc DQUOTE</c>.</summary>
    [GeneratedRegex("^(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"$")]
    public static partial Regex EntityTag();

    /// <summary>The method names in an Allow value, sorted.</summary>
    public static string[] AllowSet(string allow) =>
        [.. allow.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
}
