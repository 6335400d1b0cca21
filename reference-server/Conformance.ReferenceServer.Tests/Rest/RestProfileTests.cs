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

    private Uri Url(string path) => new(Server.RestUri + path);

    private async Task<string[]> AllowAsync(string path)
    {
        using var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Options, Url(path)));
        return RestHttp.AllowSet(string.Join(",", response.Content.Headers.Allow));
    }

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
