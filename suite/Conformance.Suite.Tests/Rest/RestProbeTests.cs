using Conformance.Suite.Oracles;
using Conformance.Suite.Rest;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Rest;

/// <summary>A probe whose exchange finds nothing to work on is unimplemented, with the reason and its requirement.</summary>
[TestFixture]
public sealed class RestProbeTests
{
    // A resource the suite could create items of, but no existing id: a read-only run has no item to read, so nothing
    // is sent.
    private const string NoExistingItem = """
        basePath: /api
        resources:
          - name: items
            collection: /items
            item: /items/{id}
            collectionMethods: [GET, HEAD, OPTIONS, POST]
            itemMethods: [GET, HEAD, OPTIONS]
            sample: { name: widget }
        """;

    [TestCase("head-allowed", "HEAD answered wherever GET is (not 405 or 501)")]
    [TestCase("etag-syntax", "ETag values are quoted entity-tags: \"x\" or W/\"x\"")]
    public async Task A_probe_with_no_item_to_read_is_unimplemented(string name, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, NoExistingItem);
        try
        {
            var options = new RestRunOptions { Target = new Uri("http://127.0.0.1:9/"), Profile = RestProfileLoader.Load(path), ReadOnly = true };
            using var client = new HttpClient();
            var judgement = new Judgement(RequirementLevel.Must);

            await RestProbes.All[name].RunAsync(new RestContext(new RestSession(client, options, new WireLog(Redactor.None)), judgement, CancellationToken.None));

            Assert.Multiple(() =>
            {
                Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Unimplemented));
                Assert.That(judgement.Observed(), Is.EqualTo("no item to read: declare a writable resource or an existingId."));
                Assert.That(judgement.Expected, Is.EqualTo(expected));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
