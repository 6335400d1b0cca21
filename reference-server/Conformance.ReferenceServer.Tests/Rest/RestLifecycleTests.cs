using System.Net;
using System.Text.Json;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>Creating, reading, replacing and deleting through the reference REST API (RFC 9110 §9.3).</summary>
public sealed class RestLifecycleTests : RestReferenceTests
{
    private static readonly string[] SeededNotes = ["1", "2"];

    [Test]
    public async Task Post_creates_with_201_a_resolvable_Location_and_the_stored_item()
    {
        using var created = await Http.PostAsync("items", RestHttp.Json("""{ "name": "bolt", "price": 0.25, "colour": "red" }"""));
        var body = await created.Content.ReadAsStringAsync();
        var location = created.Headers.Location;
        Assert.That(location, Is.Not.Null, "201 without Location");
        using var fetched = await Http.GetAsync(new Uri(created.RequestMessage!.RequestUri!, location!));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(location!.OriginalString, Is.EqualTo($"/api/items/{RestHttp.Member(body, "id")}"));
            Assert.That(body, Does.Match("""^\{"id":"\d+","name":"bolt","price":0.25\}$"""), "unknown members are dropped");
            Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await fetched.Content.ReadAsStringAsync(), Is.EqualTo(body));
            Assert.That(created.Headers.ETag, Is.EqualTo(fetched.Headers.ETag));
        }
    }

    [Test]
    public async Task Put_replaces_with_200_and_the_body_a_following_get_returns()
    {
        var id = await RestHttp.CreateItemAsync(Http);
        var before = await RestHttp.ETagAsync(Http, $"items/{id}");

        using var replaced = await Http.PutAsync($"items/{id}", RestHttp.Json("""{"name": "gadget"}"""));
        using var fetched = await Http.GetAsync($"items/{id}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await replaced.Content.ReadAsStringAsync(), Is.EqualTo($$"""{"id":"{{id}}","name":"gadget"}"""));
            Assert.That(await fetched.Content.ReadAsStringAsync(), Is.EqualTo(await replaced.Content.ReadAsStringAsync()));
            Assert.That(fetched.Headers.ETag?.ToString(), Is.Not.EqualTo(before), "a new representation has a new tag");
            // The content was stored with an id added, so it was transformed: §9.3.4 forbids validators then.
            Assert.That(replaced.Headers.ETag, Is.Null);
            Assert.That(replaced.Content.Headers.LastModified, Is.Null);
        }
    }

    [Test]
    public async Task Put_of_content_stored_byte_for_byte_returns_the_validators_a_following_get_returns()
    {
        var id = await RestHttp.CreateItemAsync(Http);
        var exact = $$"""{"id":"{{id}}","name":"exact","price":1.5}""";

        using var replaced = await Http.PutAsync($"items/{id}", RestHttp.Json(exact));
        using var fetched = await Http.GetAsync($"items/{id}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(replaced.Headers.ETag, Is.Not.Null);
            Assert.That(replaced.Headers.ETag, Is.EqualTo(fetched.Headers.ETag));
            Assert.That(replaced.Content.Headers.LastModified, Is.EqualTo(fetched.Content.Headers.LastModified));
            Assert.That(await fetched.Content.ReadAsStringAsync(), Is.EqualTo(exact));
        }
    }

    [Test]
    public async Task Put_to_an_unknown_id_creates_it_with_201_and_Location()
    {
        using var created = await Http.PutAsync("items/new-widget", RestHttp.Json(RestHttp.Sample));
        using var fetched = await Http.GetAsync("items/new-widget");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(created.Headers.Location?.OriginalString, Is.EqualTo("/api/items/new-widget"));
            Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await fetched.Content.ReadAsStringAsync(), Is.EqualTo("""{"id":"new-widget","name":"widget","price":3}"""));
        }
    }

    [Test]
    public async Task Delete_answers_204_without_Content_Length_then_get_and_a_second_delete_get_404()
    {
        var id = await RestHttp.CreateItemAsync(Http);

        var deleted = await RestHttp.ExchangeAsync(Server.Port, RestHttp.Request("DELETE", $"/api/items/{id}"));
        using var fetched = await Http.GetAsync($"items/{id}");
        using var again = await Http.DeleteAsync($"items/{id}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deleted.Head.StatusCode, Is.EqualTo(204));
            Assert.That(deleted.Head.Values("Content-Length"), Is.Empty);
            Assert.That(deleted.Head.Values("Transfer-Encoding"), Is.Empty);
            Assert.That(deleted.Content, Is.Empty);
        }

        await RestHttp.AssertProblemAsync(fetched, 404);
        await RestHttp.AssertProblemAsync(again, 404);
    }

    [Test]
    public async Task The_collection_lists_what_was_created_and_the_notes_start_with_two()
    {
        var id = await RestHttp.CreateItemAsync(Http);

        using var items = JsonDocument.Parse(await Http.GetStringAsync("items"));
        using var notes = JsonDocument.Parse(await Http.GetStringAsync("notes"));
        using var note = await Http.GetAsync("notes/1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(items.RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()), Does.Contain(id));
            Assert.That(notes.RootElement.EnumerateArray().Select(n => n.GetProperty("id").GetString()), Is.EqualTo(SeededNotes));
            Assert.That(note.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(RestHttp.Member(await note.Content.ReadAsStringAsync(), "title"), Is.EqualTo("Welcome"));
        }
    }

    [Test]
    public async Task Safe_methods_leave_the_collection_as_it_was()
    {
        await RestHttp.CreateItemAsync(Http);
        var before = await Http.GetStringAsync("items");

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head, HttpMethod.Options })
        {
            using var response = await Http.SendAsync(RestHttp.Message(method, "items"));
        }

        Assert.That(await Http.GetStringAsync("items"), Is.EqualTo(before));
    }

    [Test]
    public async Task Many_clients_creating_at_once_each_get_their_own_id()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RestHttp.CreateItemAsync(Http)));

        Assert.That(ids, Is.Unique);
    }
}
