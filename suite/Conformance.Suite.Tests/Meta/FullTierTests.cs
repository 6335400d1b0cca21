using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Meta;

/// <summary>The limits and performance tier (Autobahn 9.x, 10.1) against the reference server and npm ws.</summary>
[TestFixture]
[Category("Slow")]
public sealed class FullTierTests
{
    [Test]
    public async Task Reference_server_passes_the_full_tier()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServer.ReferenceServerOptions());
        var results = await MetaRun.RunAsync(server.WebSocketUri, Repository.FullTierCases);

        Assert.That(results.Where(r => r.Verdict is not (Verdict.Pass or Verdict.Informational)).Select(r => $"{r.Id}: {r.Observed}"), Is.Empty);
        Assert.That(results.Where(r => r.Verdict == Verdict.Informational).Select(r => IsInformational(r.Id)), Is.All.True);
        var endless = results.Single(r => r.Id == "ws.limits.endless-fragmented-message");
        Assert.That(endless.Metrics, Does.ContainKey("acceptedBytes"), "the figure of an endless message is recorded");
        Assert.That(results.Where(r => r.Id.StartsWith("ws.limits.text-16mib", StringComparison.Ordinal)).Select(r => r.Metrics.ContainsKey("bytesPerSecond")), Is.All.True);
    }

    [Test]
    public async Task Npm_ws_passes_every_full_tier_case_that_mirrors_autobahn()
    {
        await using var server = await ExternalServer.StartWsAsync();
        var results = await MetaRun.RunAsync(server.WebSocketUri, Repository.FullTierCases);

        var autobahn = results.Where(r => Repository.Catalogue.Cases.Single(c => c.Id == r.Id).Autobahn is not null);
        Assert.That(autobahn.Where(r => r.Verdict is not (Verdict.Pass or Verdict.NonStrict)).Select(r => $"{r.Id}: {Verdicts.Word(r.Verdict)} {r.Observed}"), Is.Empty);
    }

    private static bool IsInformational(string id) => Repository.Catalogue.Cases.Single(c => c.Id == id).Level == RequirementLevel.Informational;
}
