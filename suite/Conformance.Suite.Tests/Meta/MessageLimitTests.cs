using Conformance.ReferenceServer;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Meta;

/// <summary>--max-message: a declared limit is checked (1009 for one byte more), and an undeclared one is not guessed.</summary>
[TestFixture]
[Category("Meta")]
public sealed class MessageLimitTests
{
    private const int Limit = 65536;

    private static IReadOnlyList<CaseDefinition> LimitCases =>
        Repository.DefaultCases.Where(c => c.Requires.Contains(CaseRequirements.MaxMessage)).ToList();

    [Test]
    public async Task A_server_enforcing_the_declared_limit_passes()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { MaxMessageSize = Limit });
        var results = await MetaRun.RunAsync(server.WebSocketUri, LimitCases, new RunOptions { Target = server.WebSocketUri, MaxMessage = Limit });

        Assert.That(results, Has.Count.EqualTo(2));
        Assert.That(results.Select(r => (r.Id, r.Verdict)), Is.All.Matches<(string, Verdict)>(r => r.Item2 == Verdict.Pass), MetaRun.Describe(results));
    }

    [Test]
    public async Task A_server_accepting_more_than_the_declared_limit_is_non_strict()
    {
        // §10.4 "SHOULD impose a limit": this server's real limit (1 MiB) is above the one declared.
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { MaxMessageSize = 16 * Limit });
        var results = await MetaRun.RunAsync(server.WebSocketUri, LimitCases, new RunOptions { Target = server.WebSocketUri, MaxMessage = Limit });

        Assert.That(results.Select(r => r.Verdict), Is.All.EqualTo(Verdict.NonStrict), MetaRun.Describe(results));
    }
}
