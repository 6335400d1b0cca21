using Conformance.Interop.Tests.Infrastructure;
using Conformance.ReferenceServer;
using Conformance.Suite.Results;

namespace Conformance.Interop.Tests.Browser;

/// <summary>
/// The reference server plus one defect: the browser cases whose verdict differs from the correct server's must be
/// exactly the declared ones, and each of them must fail.
/// </summary>
[Category("Browser")]
public sealed class BrowserFixtureTests
{
    private const int MaxMessage = 8 << 20;
    private static Dictionary<string, Verdict>? reference;

    private static IEnumerable<TestCaseData> Defects()
    {
        // Chromium fails the handshake when the answered subprotocol is not one it offered (§4.1 item 6).
        yield return Case(Defect.SubprotocolEchoedWrongly, "ws.browser.subprotocol-declared");
        // An answering Close carrying 1005 is invalid on the wire: the browser fails the connection, so the close is not clean.
        yield return Case(Defect.CloseCodeRewritten, "ws.browser.close-1000", "ws.browser.close-3000", "ws.browser.close-4999");
        // Every binary echo over 65535 bytes, whatever the API type.
        yield return Case(
            Defect.BinaryTruncated, "ws.browser.arraybuffer-echo-65536", "ws.browser.arraybuffer-echo-1mib", "ws.browser.blob-echo-65536",
            "ws.browser.blob-echo-1mib", "ws.browser.buffered-amount-drains");
    }

    private static TestCaseData Case(Defect defect, params string[] declared) =>
        new TestCaseData(defect, declared).SetName($"Only_the_matching_browser_cases_fail({defect})");

    [TestCaseSource(nameof(Defects))]
    public async Task Only_the_matching_browser_cases_fail(Defect defect, string[] declared)
    {
        var baseline = await ReferenceAsync();
        await using var fixture = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = defect, MaxMessageSize = MaxMessage }, CancellationToken.None);
        var (results, _, _) = await BrowserRuns.RunAsync(fixture.WebSocketUri, Configure);
        var changed = results.Values.Where(r => r.Verdict != baseline[r.Id]).ToList();
        var described = string.Join(Environment.NewLine, changed.Select(r => $"{r.Id}: {r.Verdict} — {r.Observed}"));
        Assert.Multiple(() =>
        {
            Assert.That(changed.Select(r => r.Id), Is.EquivalentTo(declared), described);
            // Each counts against the target; a MUST-level case fails outright (a SHOULD-level one fails when the
            // defect breaks a MUST on its way, as a wrong subprotocol does, and is non-strict otherwise).
            Assert.That(changed.Select(r => r.Verdict), Is.All.AnyOf(Verdict.Fail, Verdict.NonStrict), described);
            Assert.That(changed.Where(r => r.Level == RequirementLevel.Must).Select(r => r.Verdict), Is.All.EqualTo(Verdict.Fail), described);
        });
    }

    private static Suite.Execution.RunOptions Configure(Suite.Execution.RunOptions options) =>
        options with { Subprotocols = ["chat"], MaxMessage = MaxMessage };

    private static async Task<Dictionary<string, Verdict>> ReferenceAsync()
    {
        if (reference is null)
        {
            await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { MaxMessageSize = MaxMessage }, CancellationToken.None);
            var (results, _, _) = await BrowserRuns.RunAsync(server.WebSocketUri, Configure);
            reference = results.ToDictionary(r => r.Key, r => r.Value.Verdict);
        }

        return reference;
    }
}
