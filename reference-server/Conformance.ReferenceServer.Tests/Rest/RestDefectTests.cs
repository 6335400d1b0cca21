using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>
/// Each REST fixture variant commits its one defect and nothing else: the same probes sent to the reference
/// server and to the variant differ in exactly the observation the defect is about.
/// </summary>
public sealed class RestDefectTests
{
    private const string Token = "token";

    /// <summary>Authentication is on in every server here, so that the 401 probe has something to show.</summary>
    private static readonly ReferenceServerOptions Guarded = new() { RestBearerToken = Token };

    private static readonly string[] ZeroLength = ["0"];

    private static Dictionary<string, string>? reference;

    /// <summary>Defect → the one observation it changes, and to what.</summary>
    private static IEnumerable<TestCaseData> Defects()
    {
        yield return Case(Defect.RestCreatedWithout201, "POST status", "200");
        yield return Case(Defect.RestCreatedWithoutLocation, "POST Location", "none");
        yield return Case(Defect.RestMethodNotAllowedWithoutAllow, "405 Allow", "none");
        yield return Case(Defect.RestServerErrorOnMalformedJson, "malformed JSON status", "500");
        yield return Case(Defect.RestHeadWithBody, "HEAD content", "the GET content");
        yield return Case(Defect.RestUnauthorizedWithoutChallenge, "401 WWW-Authenticate", "none");
        yield return Case(Defect.RestNotModifiedWithBody, "304 content", "the GET content");
        yield return Case(Defect.RestIgnoresIfMatch, "stale If-Match status", "200");
        yield return Case(Defect.RestNoContentWithContentLength, "204 Content-Length", "0");
        yield return Case(Defect.RestAcceptsAnyContentType, "text/plain POST status", "201");
    }

    [TestCaseSource(nameof(Defects))]
    public async Task Only_its_own_observation_differs_from_the_reference(Defect defect, string observation, string value)
    {
        var expected = new Dictionary<string, string>(await ReferenceAsync()) { [observation] = value };
        await using var server = await ReferenceServer.StartAsync(Guarded with { Defect = defect });

        var observed = await ObserveAsync(server);

        Assert.That(Lines(observed), Is.EqualTo(Lines(expected)));
    }

    [Test]
    public async Task The_reference_observations_are_the_correct_ones()
    {
        var observed = await ReferenceAsync();

        Assert.That(Lines(observed), Is.EqualTo(Lines(new Dictionary<string, string>
        {
            ["POST status"] = "201",
            ["POST Location"] = "present",
            ["405 Allow"] = "GET, HEAD, OPTIONS, POST",
            ["malformed JSON status"] = "400",
            ["HEAD content"] = "none",
            ["401 WWW-Authenticate"] = "Bearer realm=\"conformance\"",
            ["304 content"] = "none",
            ["stale If-Match status"] = "412",
            ["204 Content-Length"] = "none",
            ["text/plain POST status"] = "415",
        })));
    }

    [Test]
    public async Task HeadWithBody_sends_the_get_content_after_the_head_it_announces()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.RestHeadWithBody });

        var get = await RestHttp.ExchangeAsync(server.Port, RestHttp.Request("GET", "/api/notes/1"));
        var head = await RestHttp.ExchangeAsync(server.Port, RestHttp.Request("HEAD", "/api/notes/1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(head.Head.StatusCode, Is.EqualTo(200));
            Assert.That(head.Head.Joined("Content-Length"), Is.EqualTo(Length(get.Content)));
            Assert.That(head.Content, Is.EqualTo(get.Content), "the GET content, byte for byte");
            Assert.That(head.Head.Joined("ETag"), Is.EqualTo(get.Head.Joined("ETag")));
        }
    }

    [Test]
    public async Task NotModifiedWithBody_sends_the_content_and_its_length_with_the_304()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.RestNotModifiedWithBody });
        var ok = await RestHttp.ExchangeAsync(server.Port, RestHttp.Request("GET", "/api/notes/2"));

        var notModified = await RestHttp.ExchangeAsync(server.Port, RestHttp.Request("GET", "/api/notes/2", $"If-None-Match: {ok.Head.Joined("ETag")}"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(notModified.Head.StatusCode, Is.EqualTo(304));
            Assert.That(notModified.Head.Joined("Content-Length"), Is.EqualTo(Length(ok.Content)));
            Assert.That(notModified.Content, Is.EqualTo(ok.Content));
            Assert.That(notModified.Head.Values("Content-Type"), Is.Empty, "otherwise still the reference 304");
            Assert.That(notModified.Head.Joined("ETag"), Is.EqualTo(ok.Head.Joined("ETag")));
        }
    }

    [TestCase("OPTIONS", "/api/notes")]
    [TestCase("DELETE", "/api/items/{id}")]
    public async Task NoContentWithContentLength_sends_one_Content_Length_0_on_a_204_and_no_content(string method, string target)
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.RestNoContentWithContentLength });
        using var http = RestHttp.Client(server);
        target = target.Replace("{id}", await RestHttp.CreateItemAsync(http), StringComparison.Ordinal);

        var raw = await RestHttp.ExchangeAsync(server.Port, RestHttp.Request(method, target));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(raw.Head.StatusCode, Is.EqualTo(204));
            Assert.That(raw.Head.Values("Content-Length"), Is.EqualTo(ZeroLength));
            Assert.That(raw.Head.Values("Date"), Has.Count.EqualTo(1));
            Assert.That(raw.Content, Is.Empty);
        }
    }

    [Test]
    public async Task AcceptsAnyContentType_creates_from_text_plain_and_takes_xml_for_malformed_json()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.RestAcceptsAnyContentType });
        using var http = RestHttp.Client(server);

        using var plain = await http.PostAsync("items", new StringContent(RestHttp.Sample, Encoding.UTF8, "text/plain"));
        using var xml = await http.PostAsync("items", new StringContent("<item><name>widget</name></item>", Encoding.UTF8, "application/xml"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)plain.StatusCode, Is.EqualTo(201));
            Assert.That((int)xml.StatusCode, Is.EqualTo(400));
        }
    }

    [Test]
    public async Task UnauthorizedWithoutChallenge_changes_nothing_while_the_api_is_open()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.RestUnauthorizedWithoutChallenge });
        using var http = RestHttp.Client(server);

        using var response = await http.GetAsync("items");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    private static TestCaseData Case(Defect defect, string observation, string value) =>
        new TestCaseData(defect, observation, value).SetName($"Only_its_own_observation_differs_from_the_reference({defect})");

    private static async Task<Dictionary<string, string>> ReferenceAsync()
    {
        if (reference is null)
        {
            await using var server = await ReferenceServer.StartAsync(Guarded);
            reference = await ObserveAsync(server);
        }

        return reference;
    }

    /// <summary>One probe per defect, each on what the others leave alone, through a client that holds the token.</summary>
    private static async Task<Dictionary<string, string>> ObserveAsync(ReferenceServer server)
    {
        using var http = RestHttp.Client(server, "Bearer", Token);
        using var anonymous = RestHttp.Client(server);
        var authorization = $"Authorization: Bearer {Token}";
        var observed = new Dictionary<string, string>();

        using (var created = await http.PostAsync("items", RestHttp.Json(RestHttp.Sample)))
        {
            observed["POST status"] = Status(created);
            observed["POST Location"] = created.Headers.Location is null ? "none" : "present";
        }

        using (var refused = await http.DeleteAsync("items"))
        {
            observed["405 Allow"] = refused.Content.Headers.Allow.Count == 0 ? "none" : string.Join(", ", refused.Content.Headers.Allow);
        }

        using (var malformed = await http.PostAsync("items", RestHttp.Json("{\"name\":")))
        {
            observed["malformed JSON status"] = Status(malformed);
        }

        var item = await ItemUrlAsync(http);
        var get = await RestHttp.ExchangeAsync(server.Port, RestHttp.Request("GET", item, authorization));
        var head = await RestHttp.ExchangeAsync(server.Port, RestHttp.Request("HEAD", item, authorization));
        observed["HEAD content"] = Describe(head.Content, get.Content);

        using (var unauthorized = await anonymous.GetAsync("items"))
        {
            observed["401 WWW-Authenticate"] = unauthorized.Headers.NonValidated.TryGetValues("WWW-Authenticate", out var challenges) ? string.Join(" | ", challenges) : "none";
        }

        var notModified = await RestHttp.ExchangeAsync(server.Port, RestHttp.Request("GET", item, authorization, $"If-None-Match: {get.Head.Joined("ETag")}"));
        observed["304 content"] = Describe(notModified.Content, get.Content);

        using (var stale = await http.SendAsync(new HttpRequestMessage(HttpMethod.Put, item) { Content = RestHttp.Json(RestHttp.Sample), Headers = { { "If-Match", "\"r0\"" } } }))
        {
            observed["stale If-Match status"] = Status(stale);
        }

        var deleted = await RestHttp.ExchangeAsync(server.Port, RestHttp.Request("DELETE", await ItemUrlAsync(http), authorization));
        observed["204 Content-Length"] = deleted.Head.Values("Content-Length") is [] ? "none" : deleted.Head.Joined("Content-Length");

        using (var plain = await http.PostAsync("items", new StringContent(RestHttp.Sample, new MediaTypeHeaderValue("text/plain"))))
        {
            observed["text/plain POST status"] = Status(plain);
        }

        return observed;
    }

    /// <summary>Creates an item (whatever status the variant gives) and returns its path.</summary>
    private static async Task<string> ItemUrlAsync(HttpClient http)
    {
        using var created = await http.PostAsync("items", RestHttp.Json(RestHttp.Sample));
        return $"/api/items/{RestHttp.Member(await created.Content.ReadAsStringAsync(), "id")}";
    }

    /// <summary>What came after a head that should end the response: nothing, the GET content, or something else.</summary>
    private static string Describe(byte[] content, byte[] getContent) =>
        content.Length == 0 ? "none" : content.AsSpan().SequenceEqual(getContent) ? "the GET content" : $"{content.Length} other bytes";

    /// <summary>"observation: value" lines, so that a failure names the observation that differs.</summary>
    private static string[] Lines(Dictionary<string, string> observations) => [.. observations.Select(o => $"{o.Key}: {o.Value}")];

    private static string Status(HttpResponseMessage response) => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);

    private static string Length(byte[] bytes) => bytes.Length.ToString(CultureInfo.InvariantCulture);
}
