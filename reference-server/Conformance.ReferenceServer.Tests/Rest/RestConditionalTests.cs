using System.Globalization;
using System.Net;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>Conditional requests against the reference REST API (RFC 9110 §13, §15.4.5).</summary>
public sealed class RestConditionalTests : RestReferenceTests
{
    [TestCase("GET", "current")]
    [TestCase("GET", "weak")]
    [TestCase("GET", "*")]
    [TestCase("GET", "listed")]
    [TestCase("HEAD", "current")]
    public async Task If_None_Match_that_matches_gets_a_304_with_no_content_that_repeats_the_200s_cache_fields(string method, string form)
    {
        var id = await RestHttp.CreateItemAsync(Http);
        var target = $"/api/items/{id}";
        var ok = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("GET", target));
        var tag = ok.Head.Joined("ETag");
        var condition = form switch
        {
            "current" => tag,
            "weak" => "W/" + tag,
            "listed" => $"\"other\", {tag}",
            _ => "*",
        };

        var notModified = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request(method, target, $"If-None-Match: {condition}"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(notModified.Head.StatusCode, Is.EqualTo(304));
            Assert.That(notModified.Content, Is.Empty);
            Assert.That(notModified.Head.Values("Date"), Has.Count.EqualTo(1));
            foreach (var name in new[] { "ETag", "Cache-Control", "Vary" })
            {
                Assert.That(notModified.Head.Joined(name), Is.EqualTo(ok.Head.Joined(name)).And.Not.Empty, name);
            }

            Assert.That(notModified.Head.Values("Content-Type"), Is.Empty);
            Assert.That(notModified.Head.Values("Content-Length"), Is.Empty);
        }
    }

    [Test]
    public async Task If_None_Match_on_the_collection_compares_weakly()
    {
        using var ok = await Http.GetAsync("items");

        using var notModified = await Http.SendAsync(RestHttp.Message(HttpMethod.Get, "items", ("If-None-Match", ok.Headers.ETag!.ToString())));

        Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task If_None_Match_star_on_a_put_to_an_existing_item_gets_412_and_changes_nothing()
    {
        var id = await RestHttp.CreateItemAsync(Http);

        using var refused = await SendJsonAsync(HttpMethod.Put, $"items/{id}", """{"name":"changed"}""", ("If-None-Match", "*"));

        await RestHttp.AssertProblemAsync(refused, 412);
        Assert.That(RestHttp.Member(await Http.GetStringAsync($"items/{id}"), "name"), Is.EqualTo("widget"));
    }

    [Test]
    public async Task If_None_Match_star_on_a_put_to_a_new_id_creates_it()
    {
        using var created = await SendJsonAsync(HttpMethod.Put, "items/only-if-new", RestHttp.Sample, ("If-None-Match", "*"));

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [TestCase("PUT", "stale")]
    [TestCase("PUT", "weak")]
    [TestCase("PUT", "garbage")]
    [TestCase("DELETE", "stale")]
    [TestCase("DELETE", "weak")]
    public async Task If_Match_with_anything_but_the_current_strong_tag_gets_412_and_changes_nothing(string method, string form)
    {
        var id = await RestHttp.CreateItemAsync(Http);
        var current = await RestHttp.ETagAsync(Http, $"items/{id}");
        var condition = form switch
        {
            "stale" => "\"r0\"",
            "weak" => "W/" + current,
            _ => "not-a-tag",
        };

        using var refused = await SendJsonAsync(new HttpMethod(method), $"items/{id}", """{"name":"changed"}""", ("If-Match", condition));
        using var after = await Http.GetAsync($"items/{id}");

        await RestHttp.AssertProblemAsync(refused, 412);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(after.Headers.ETag?.ToString(), Is.EqualTo(current));
        }
    }

    [TestCase("PUT")]
    [TestCase("DELETE")]
    public async Task If_Match_with_the_current_tag_or_a_star_performs_the_method(string method)
    {
        var first = await RestHttp.CreateItemAsync(Http);
        var second = await RestHttp.CreateItemAsync(Http);

        using var current = await SendJsonAsync(new HttpMethod(method), $"items/{first}", RestHttp.Sample, ("If-Match", $"\"r0\", {await RestHttp.ETagAsync(Http, $"items/{first}")}"));
        using var star = await SendJsonAsync(new HttpMethod(method), $"items/{second}", RestHttp.Sample, ("If-Match", "*"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)current.StatusCode, Is.EqualTo(method == "PUT" ? 200 : 204));
            Assert.That((int)star.StatusCode, Is.EqualTo(method == "PUT" ? 200 : 204));
        }
    }

    [Test]
    public async Task If_Match_star_on_a_put_to_a_missing_id_gets_412_and_creates_nothing()
    {
        using var refused = await SendJsonAsync(HttpMethod.Put, "items/never-made", RestHttp.Sample, ("If-Match", "*"));
        using var fetched = await Http.GetAsync("items/never-made");

        await RestHttp.AssertProblemAsync(refused, 412);
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("GET", "If-Match", "*")]
    [TestCase("GET", "If-None-Match", "*")]
    [TestCase("GET", "If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")]
    [TestCase("DELETE", "If-Match", "*")]
    [TestCase("DELETE", "If-Match", "\"r1\"")]
    public async Task Preconditions_on_a_missing_id_are_ignored_so_it_gets_404(string method, string header, string value)
    {
        using var response = await Http.SendAsync(RestHttp.Message(new HttpMethod(method), "items/missing", (header, value)));

        await RestHttp.AssertProblemAsync(response, 404);
    }

    [Test]
    public async Task If_Modified_Since_at_or_after_Last_Modified_gets_304_unless_If_None_Match_is_there()
    {
        var id = await RestHttp.CreateItemAsync(Http);
        using var ok = await Http.GetAsync($"items/{id}");
        var lastModified = ok.Content.Headers.LastModified!.Value;
        var later = lastModified.AddHours(1).ToString("r", CultureInfo.InvariantCulture);

        using var same = await Http.SendAsync(RestHttp.Message(HttpMethod.Get, $"items/{id}", ("If-Modified-Since", lastModified.ToString("r", CultureInfo.InvariantCulture))));
        using var earlier = await Http.SendAsync(RestHttp.Message(HttpMethod.Get, $"items/{id}", ("If-Modified-Since", lastModified.AddSeconds(-1).ToString("r", CultureInfo.InvariantCulture))));
        using var overruled = await Http.SendAsync(RestHttp.Message(HttpMethod.Get, $"items/{id}", ("If-Modified-Since", later), ("If-None-Match", "\"r0\"")));
        using var invalidDate = await Http.SendAsync(RestHttp.Message(HttpMethod.Get, $"items/{id}", ("If-Modified-Since", "yesterday")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(same.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(earlier.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(overruled.StatusCode, Is.EqualTo(HttpStatusCode.OK), "§13.1.3: IMS is ignored when If-None-Match is present");
            Assert.That(invalidDate.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task If_Unmodified_Since_before_Last_Modified_gets_412()
    {
        var id = await RestHttp.CreateItemAsync(Http);
        using var ok = await Http.GetAsync($"items/{id}");
        var before = ok.Content.Headers.LastModified!.Value.AddSeconds(-1).ToString("r", CultureInfo.InvariantCulture);

        using var refused = await SendJsonAsync(HttpMethod.Put, $"items/{id}", RestHttp.Sample, ("If-Unmodified-Since", before));

        await RestHttp.AssertProblemAsync(refused, 412);
    }

    private Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string url, string json, params (string Name, string Value)[] headers)
    {
        var message = RestHttp.Message(method, url, headers);
        if (method != HttpMethod.Delete)
        {
            message.Content = RestHttp.Json(json);
        }

        return Http.SendAsync(message);
    }
}
