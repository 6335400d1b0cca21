using System.Text.Json;
using Conformance.Suite.Rest;

namespace Conformance.Suite.Tests.Rest;

public sealed class RestProfileLoaderTests
{
    private const string Valid = """
        basePath: /api
        problemDetails: true
        auth:
          scheme: bearer
          tokenEnv: API_TOKEN
        features:
          upsert: true
          conditional: true
          maxBodyBytes: 65536
          redirects: [/old-items]
        resources:
          - name: items
            collection: /items
            item: /items/{id}
            collectionMethods: [GET, HEAD, OPTIONS, POST]
            itemMethods: [GET, HEAD, OPTIONS, PUT, DELETE]
            sample: { name: widget, price: 3, tags: [a, "1"], active: true, note: null }
            invalid: { price: "not a number" }
        """;

    private string path = "";

    [SetUp]
    public void CreateFile() => path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.yaml");

    [TearDown]
    public void DeleteFile() => File.Delete(path);

    private RestProfile Load(string text)
    {
        File.WriteAllText(path, text);
        return RestProfileLoader.Load(path);
    }

    private IReadOnlyList<string> Problems(string text)
    {
        File.WriteAllText(path, text);
        return Assert.Throws<RestProfileException>(() => RestProfileLoader.Load(path))!.Problems;
    }

    [Test]
    public void A_valid_profile_is_read_with_its_features_and_bodies_as_json()
    {
        var profile = Load(Valid);
        var items = profile.Resources.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(profile.BasePath, Is.EqualTo("/api"));
            Assert.That(profile.Auth, Is.EqualTo(new RestAuth { Scheme = RestAuthScheme.Bearer, TokenEnv = "API_TOKEN" }));
            Assert.That(profile.Features with { Redirects = [] }, Is.EqualTo(new RestFeatures { Upsert = true, Conditional = true, MaxBodyBytes = 65536 }));
            Assert.That(profile.Features.Redirects, Is.EqualTo(new[] { "/old-items" }));
            Assert.That(items.CanCreate, Is.True);
            Assert.That(items.ItemPath("a b/c"), Is.EqualTo("/items/a%20b%2Fc"));
            Assert.That(JsonDocument.Parse(items.Sample!).RootElement.ToString(), Is.EqualTo("""{"name":"widget","price":3,"tags":["a","1"],"active":true,"note":null}"""));
            Assert.That(items.Invalid, Is.EqualTo("""{"price":"not a number"}"""));
        }
    }

    [Test]
    public void Unknown_and_missing_keys_are_reported_with_their_lines()
    {
        var problems = Problems("""
            basePath: api/
            colour: blue
            resources:
              - name: items
                collection: /items
                item: /items
                itemMethods: [GET, FETCH]
            """);

        Assert.That(problems, Has.Some.StartsWith(path + ":1: basePath 'api/' must start with '/'")
            .And.Some.StartsWith(path + ":2: unknown key 'colour'")
            .And.Some.StartsWith(path + ":6: item '/items' must start with '/' and contain {id}")
            .And.Some.Contains(":4: 'collectionMethods' is missing")
            .And.Some.StartsWith(path + ":7: 'FETCH' in itemMethods is not one of"));
    }

    [TestCase("scheme: basic", "needs 'usernameEnv'")]
    [TestCase("scheme: api-key\n  keyEnv: K", "needs 'header'")]
    [TestCase("scheme: digest", "auth scheme 'digest' is not none, basic, bearer or api-key")]
    public void Auth_names_the_variables_its_scheme_needs(string auth, string problem)
    {
        var text = Valid.Replace("scheme: bearer\n  tokenEnv: API_TOKEN", auth, StringComparison.Ordinal);
        Assert.That(Problems(text), Has.Some.Contains(problem));
    }

    [Test]
    public void A_resource_needs_something_to_create_or_read()
    {
        var problems = Problems("""
            resources:
              - name: ghosts
                collection: /ghosts
                item: /ghosts/{id}
                collectionMethods: [GET]
                itemMethods: [GET]
            """);

        Assert.That(problems, Has.Some.Contains(":2: resource 'ghosts' needs either POST in collectionMethods with a 'sample' body, or an 'existingId'"));
    }

    [Test]
    public void Redirects_are_paths()
    {
        var text = Valid.Replace("redirects: [/old-items]", "redirects: [old-items]", StringComparison.Ordinal);
        Assert.That(Problems(text), Has.Some.Contains(":10: 'redirects' is a list of paths that start with '/'"));
    }

    [TestCase("")]
    [TestCase("[1, 2]")]
    [TestCase("basePath: [unclosed")]
    public void Something_that_is_not_a_profile_is_refused_with_the_file_name(string text) =>
        Assert.That(Problems(text), Has.All.StartWith(path + ":"));

    [Test]
    public void A_missing_file_is_refused_with_its_name()
    {
        var problems = Assert.Throws<RestProfileException>(() => RestProfileLoader.Load(path + ".missing"))!.Problems;
        Assert.That(problems.Single(), Does.Contain("does not exist"));
    }
}
