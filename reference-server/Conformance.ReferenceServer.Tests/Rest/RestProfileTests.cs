using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Conformance.ReferenceServer.Rest;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.ReferenceServer.Tests.Rest;

/// <summary>fixtures/rest/*.profile.yaml say what the reference REST API does: each statement is checked against it.</summary>
public sealed class RestProfileTests : RestReferenceTests
{
    private static readonly string[] RootKeys = ["basePath", "problemDetails", "auth", "features", "resources"];

    private static IEnumerable<YamlMappingNode> Resources(string profile) =>
        ((YamlSequenceNode)Load(profile).Children["resources"]).Children.Cast<YamlMappingNode>();

    [Test]
    public void The_profile_declares_the_base_path_and_the_body_limit_theServer_has()
    {
        var profile = Load("reference.profile.yaml");
        var features = (YamlMappingNode)profile.Children["features"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Text(profile, "basePath"), Is.EqualTo(Server.RestUri.AbsolutePath));
            Assert.That(Text(profile, "problemDetails"), Is.EqualTo("true"));
            Assert.That(Text((YamlMappingNode)profile.Children["auth"], "scheme"), Is.EqualTo("none"));
            Assert.That(Text(features, "maxBodyBytes"), Is.EqualTo(ResourceEndpoints.MaxBodyBytes.ToString(CultureInfo.InvariantCulture)));
        }
    }

    [TestCase("items")]
    [TestCase("notes")]
    public async Task Each_resources_declared_methods_are_what_its_Allow_lists(string name)
    {
        var resource = Resources("reference.profile.yaml").Single(r => Text(r, "name") == name);
        var item = Text(resource, "item").Replace("{id}", "any", StringComparison.Ordinal);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await AllowAsync(Text(resource, "collection")), Is.EqualTo(Methods(resource, "collectionMethods")), "collection");
            Assert.That(await AllowAsync(item), Is.EqualTo(Methods(resource, "itemMethods")), "item");
            Assert.That(Text(resource, "mediaType"), Is.EqualTo("application/json"));
            Assert.That(Text(resource, "idField"), Is.EqualTo("id"));
        }
    }

    [Test]
    public async Task The_sample_creates_an_item_the_invalid_body_does_not_and_the_existing_note_exists()
    {
        var items = Resources("reference.profile.yaml").Single(r => Text(r, "name") == "items");
        var notes = Resources("reference.profile.yaml").Single(r => Text(r, "name") == "notes");

        using var created = await Http.PostAsync(Url(Text(items, "collection")), RestHttp.Json(Canonical(items.Children["sample"])));
        using var refused = await Http.PostAsync(Url(Text(items, "collection")), RestHttp.Json(Canonical(items.Children["invalid"])));
        using var upserted = await Http.PutAsync(Url(Text(items, "item").Replace("{id}", "from-profile", StringComparison.Ordinal)), RestHttp.Json(Canonical(items.Children["sample"])));
        using var existing = await Http.GetAsync(Url(Text(notes, "item").Replace("{id}", Text(notes, "existingId"), StringComparison.Ordinal)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(RestHttp.Member(await created.Content.ReadAsStringAsync(), Text(items, "idField")), Is.Not.Empty);
            Assert.That(refused.StatusCode, Is.EqualTo((HttpStatusCode)422));
            Assert.That(upserted.StatusCode, Is.EqualTo(HttpStatusCode.Created), "features.upsert");
            Assert.That(existing.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public void The_auth_profile_is_the_reference_profile_behind_bearer_tokens()
    {
        var auth = Load("reference-auth.profile.yaml");
        var scheme = (YamlMappingNode)auth.Children["auth"];
        var reference = Load("reference.profile.yaml");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Text(scheme, "scheme"), Is.EqualTo("bearer"));
            Assert.That(Text(scheme, "tokenEnv"), Is.EqualTo("REST_TOKEN"));
            Assert.That(Text(scheme, "readOnlyTokenEnv"), Is.EqualTo("REST_READONLY_TOKEN"));
            foreach (var key in new[] { "basePath", "problemDetails", "features", "resources" })
            {
                Assert.That(Canonical(auth.Children[key]), Is.EqualTo(Canonical(reference.Children[key])), key);
            }
        }
    }

    /// <summary>
    /// A variant's profile differs from reference.profile.yaml in the statements its choice changes, and every
    /// statement is what the variant serves: the declared methods, the sample, the invalid body, the existing id,
    /// validators when conditional, and the error media type.
    /// </summary>
    [TestCase("reference-uuid.profile.yaml", Variant.RestUuidIds, "resources")]
    [TestCase("reference-no-conditional.profile.yaml", Variant.RestNoConditional, "features")]
    [TestCase("reference-plain-errors.profile.yaml", Variant.RestPlainJsonErrors, "problemDetails")]
    public async Task A_variant_profile_describes_its_variant(string file, Variant variant, string differs)
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = variant });
        using var http = RestHttp.Client(server);
        var profile = Load(file);
        var reference = Load("reference.profile.yaml");
        var conditional = Text((YamlMappingNode)profile.Children["features"], "conditional") == "true";
        var items = Resources(file).Single(r => Text(r, "name") == "items");
        var notes = Resources(file).Single(r => Text(r, "name") == "notes");

        using var created = await http.PostAsync(Relative(items, "collection"), RestHttp.Json(Canonical(items.Children["sample"])));
        using var refused = await http.PostAsync(Relative(items, "collection"), RestHttp.Json(Canonical(items.Children["invalid"])));
        using var upserted = await http.PutAsync(Relative(items, "item", Guid.NewGuid().ToString()), RestHttp.Json(Canonical(items.Children["sample"])));
        using var existing = await http.GetAsync(Relative(notes, "item", Text(notes, "existingId")));
        using var missing = await http.GetAsync("no-such-resource");

        using (Assert.EnterMultipleScope())
        {
            foreach (var key in RootKeys.Where(k => k != differs))
            {
                Assert.That(Canonical(profile.Children[key]), Is.EqualTo(Canonical(reference.Children[key])), key);
            }

            Assert.That(Canonical(profile.Children[differs]), Is.Not.EqualTo(Canonical(reference.Children[differs])), differs);
            foreach (var resource in new[] { items, notes })
            {
                Assert.That(await AllowAsync(http, Relative(resource, "collection")), Is.EqualTo(Methods(resource, "collectionMethods")), "collection");
                Assert.That(await AllowAsync(http, Relative(resource, "item", Guid.NewGuid().ToString())), Is.EqualTo(Methods(resource, "itemMethods")), "item");
            }

            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(refused.StatusCode, Is.EqualTo((HttpStatusCode)422));
            Assert.That(upserted.StatusCode, Is.EqualTo(HttpStatusCode.Created), "features.upsert");
            Assert.That(existing.StatusCode, Is.EqualTo(HttpStatusCode.OK), "existingId");
            Assert.That(existing.Headers.ETag is not null && existing.Content.Headers.LastModified is not null, Is.EqualTo(conditional), "features.conditional");
            Assert.That(
                missing.Content.Headers.ContentType?.MediaType,
                Is.EqualTo(Text(profile, "problemDetails") == "true" ? "application/problem+json" : "application/json"),
                "problemDetails");
        }
    }

    private Uri Url(string path) => new(Server.RestUri + path);

    private async Task<string[]> AllowAsync(string path)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Options, Url(path)));
        return RestHttp.AllowSet(string.Join(",", response.Content.Headers.Allow));
    }

    private static async Task<string[]> AllowAsync(HttpClient http, string relative)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Options, relative));
        return RestHttp.AllowSet(string.Join(",", response.Content.Headers.Allow));
    }

    /// <summary>A resource's collection or item path from the profile, relative to the client's /api/.</summary>
    private static string Relative(YamlMappingNode resource, string key, string id = "") =>
        Text(resource, key).Replace("{id}", id, StringComparison.Ordinal).TrimStart('/');

    private static string[] Methods(YamlMappingNode resource, string key) =>
        RestHttp.AllowSet(string.Join(",", ((YamlSequenceNode)resource.Children[key]).Children.Select(m => ((YamlScalarNode)m).Value)));

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[key]).Value!;

    /// <summary>
    /// A YAML value as JSON, the way a profile loader reads a sample: a plain scalar that is a number is a number,
    /// true/false are booleans, anything else (a quoted scalar included) is a string.
    /// </summary>
    private static JsonNode? Json(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Json(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Json)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var value } when decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static string Canonical(YamlNode node) => Json(node)?.ToJsonString() ?? "null";

    private static YamlMappingNode Load(string profile)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Repository.Root, "fixtures", "rest", profile));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}
