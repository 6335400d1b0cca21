using Conformance.ReferenceServer;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Meta;

/// <summary>
/// 1012-1014 were registered with IANA after RFC 6455. The reference server treats them as assigned: it passes under
/// --close-codes iana, and under --close-codes rfc6455 its normal closing handshake is a SHOULD (§7.4 leaves the
/// receiver's action for a code it does not allow undefined), never a MUST.
/// </summary>
[TestFixture]
[Category("Meta")]
public sealed class CloseCodePolicyTests
{
    private static readonly string[] Registered = ["ws.close.registered-code-1012", "ws.close.registered-code-1013", "ws.close.registered-code-1014"];

    [TestCase(CloseCodePolicy.Iana, Verdict.Pass)]
    [TestCase(CloseCodePolicy.Rfc6455, Verdict.NonStrict)]
    public async Task A_code_registered_after_RFC_6455_costs_an_IANA_aware_server_at_most_a_SHOULD(CloseCodePolicy policy, Verdict expected)
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
        var cases = Repository.DefaultCases.Where(c => Registered.Contains(c.Id)).ToList();

        var results = await MetaRun.RunAsync(server.WebSocketUri, cases, new RunOptions { Target = server.WebSocketUri, CloseCodes = policy });

        Assert.That(results.Select(r => r.Verdict).ToList(), Has.Count.EqualTo(3).And.All.EqualTo(expected), MetaRun.Describe(results));
        if (policy == CloseCodePolicy.Rfc6455)
        {
            Assert.That(results.Select(r => r.Observed), Has.All.Contains("wire.unassigned-code-fails"), MetaRun.Describe(results));
        }
    }
}
