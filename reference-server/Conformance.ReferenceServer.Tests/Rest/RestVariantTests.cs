using System.Net;
using System.Text.Json;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>Each REST allowed variant makes its one legitimate choice, seen through HttpClient.</summary>
public sealed class RestVariantTests
{
    [Test]
    public async Task Uuid_ids_are_assigned_and_a_malformed_id_gets_400()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = Variant.RestUuidIds });
        using var http = RestHttp.Client(server);

        var id = await RestHttp.CreateItemAsync(http);
        using var found = await http.GetAsync($"items/{id}");
        using var missing = await http.GetAsync($"items/{Guid.NewGuid()}");
        using var malformed = await http.GetAsync("items/1");
        using var malformedPut = await http.PutAsync("items/not-a-uuid", RestHttp.Json(RestHttp.Sample));
        using var malformedDelete = await http.DeleteAsync("items/1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Guid.TryParseExact(id, "D", out _), Is.True, id);
            Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a well-formed id that does not exist");
            await RestHttp.AssertProblemAsync(malformed, 400);
            Assert.That(malformedPut.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(malformedDelete.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }
    }

    [Test]
    public async Task Without_validators_date_preconditions_are_ignored_and_entity_tag_ones_still_hold()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = Variant.RestNoConditional });
        using var http = RestHttp.Client(server);
        var id = await RestHttp.CreateItemAsync(http);
        var url = $"items/{id}";

        using var plain = await http.GetAsync(url);
        using var list = await http.GetAsync("items");
        using var modifiedSince = await http.SendAsync(RestHttp.Message(HttpMethod.Get, url, ("If-Modified-Since", "Sun, 06 Nov 2994 08:49:37 GMT")));
        using var noneMatchAny = await http.SendAsync(RestHttp.Message(HttpMethod.Get, url, ("If-None-Match", "*")));
        using var staleMatch = await http.SendAsync(Put(url, ("If-Match", "\"r1\"")));
        using var unmodifiedSince = await http.SendAsync(Put(url, ("If-Unmodified-Since", "Sun, 06 Nov 1994 08:49:37 GMT")));
        using var anyMatch = await http.SendAsync(Put(url, ("If-Match", "*")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.Headers.ETag, Is.Null);
            Assert.That(plain.Content.Headers.LastModified, Is.Null);
            Assert.That(list.Headers.ETag, Is.Null);
            Assert.That(modifiedSince.StatusCode, Is.EqualTo(HttpStatusCode.OK), "no modification date: If-Modified-Since is ignored");
            Assert.That(noneMatchAny.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "the item exists, so If-None-Match: * is false");
            Assert.That(noneMatchAny.Headers.ETag, Is.Null);
            Assert.That(staleMatch.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed), "no tag matches a representation without one");
            Assert.That(unmodifiedSince.StatusCode, Is.EqualTo(HttpStatusCode.OK), "no modification date: If-Unmodified-Since is ignored");
            Assert.That(anyMatch.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [TestCase(Variant.RestBadRequestForWrongShape, 400)]
    [TestCase(Variant.None, 422)]
    public async Task Json_of_the_wrong_shape_gets_the_variants_status(Variant variant, int status)
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = variant });
        using var http = RestHttp.Client(server);

        using var wrongShape = await http.PostAsync("items", RestHttp.Json("""{"price":"not a number"}"""));
        using var malformed = await http.PostAsync("items", RestHttp.Json("{"));

        await RestHttp.AssertProblemAsync(wrongShape, status);
        await RestHttp.AssertProblemAsync(malformed, 400);
    }

    [Test]
    public async Task Errors_are_plain_json_and_keep_their_status_and_headers()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = Variant.RestPlainJsonErrors });
        using var http = RestHttp.Client(server);

        using var missing = await http.GetAsync("items/999");
        using var notAllowed = await http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "notes/1"));
        using var unacceptable = await http.SendAsync(RestHttp.Message(HttpMethod.Get, "items", ("Accept", "text/html")));
        using var document = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        using var available = JsonDocument.Parse(await unacceptable.Content.ReadAsStringAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missing.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(document.RootElement.GetProperty("error").GetString(), Is.EqualTo("There is no /api/items/999."));
            Assert.That(document.RootElement.TryGetProperty("type", out _), Is.False, "not a problem document");
            Assert.That(notAllowed.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(notAllowed.Content.Headers.Allow, Is.Not.Empty);
            Assert.That(notAllowed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(available.RootElement.GetProperty("available")[0].GetString(), Is.EqualTo("application/json"));
        }
    }

    private static HttpRequestMessage Put(string url, params (string Name, string Value)[] headers)
    {
        var message = RestHttp.Message(HttpMethod.Put, url, headers);
        message.Content = RestHttp.Json(RestHttp.Sample);
        return message;
    }
}
