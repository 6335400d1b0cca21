using Conformance.Interop.Tests.Infrastructure;
using Conformance.ReferenceServer;
using Conformance.Suite.Results;

namespace Conformance.Interop.Tests.Browser;

/// <summary>
/// The reference server plus one legitimate choice, through a real browser: a message size limit (§10.4 "SHOULD
/// impose a limit") is inferred by the preflight's ladder and makes the browser cases above it unimplemented,
/// never fail or non-strict.
/// </summary>
[Category("Browser")]
public sealed class BrowserVariantTests
{
    [Test]
    public async Task A_message_limit_makes_the_larger_browser_echoes_unimplemented()
    {
        await using var reference = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { MaxMessageSize = 8 << 20 }, CancellationToken.None);
        var (baseline, _, _) = await BrowserRuns.RunAsync(reference.WebSocketUri, o => o with { Subprotocols = ["chat"] });
        await using var limited = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = Variant.MessageLimit64KiB }, CancellationToken.None);
        var (results, preflight, _) = await BrowserRuns.RunAsync(limited.WebSocketUri, o => o with { Subprotocols = ["chat"] });
        var changed = results.Values.Where(r => r.Verdict != baseline[r.Id].Verdict).ToList();
        var described = preflight + Environment.NewLine + string.Join(Environment.NewLine, changed.Select(r => $"{r.Id}: {baseline[r.Id].Verdict} -> {r.Verdict} — {r.Observed}"));
        string[] aboveTheLimit = ["ws.browser.text-echo-1mib", "ws.browser.arraybuffer-echo-1mib", "ws.browser.blob-echo-1mib", "ws.browser.buffered-amount-drains"];
        Assert.Multiple(() =>
        {
            Assert.That(preflight, Does.Contain("messages under"), described);
            Assert.That(changed.Select(r => r.Verdict), Is.All.AnyOf(Verdict.Pass, Verdict.Informational, Verdict.Unimplemented), described);
            Assert.That(aboveTheLimit.Select(id => results[id].Verdict), Is.All.EqualTo(Verdict.Unimplemented), described);
            Assert.That(aboveTheLimit.Select(id => results[id].Observed), Has.All.Contains("§10.4"), described);
            Assert.That(changed.Select(r => r.Id), Is.SubsetOf(aboveTheLimit.Append("ws.browser.text-echo-65536").Append("ws.browser.arraybuffer-echo-65536").Append("ws.browser.blob-echo-65536")), described);
        });
    }
}
