using Conformance.ReferenceServer;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Meta;

/// <summary>
/// Each variant is the reference server plus one choice the RFC allows. Against a reference-server run made in the same
/// test, the cases whose verdict changes must be exactly the declared ones, and each declared change is to pass,
/// informational or unimplemented, with the rule that makes it legitimate: a legitimate choice never costs a verdict.
/// A difference is re-run once on both servers before it counts, since some cases are timing-sensitive.
/// </summary>
[TestFixture]
[Category("Meta")]
public sealed class VariantTests
{
    private static readonly RunOptions Options = new() { Target = new Uri("ws://unused"), Timeout = TimeSpan.FromMilliseconds(600), Silence = TimeSpan.FromMilliseconds(200) };
    /// <summary>The verdicts a legitimate choice may turn a case into.</summary>
    internal static readonly Verdict[] Legitimate = [Verdict.Pass, Verdict.Informational, Verdict.Unimplemented];

    /// <summary>A case whose verdict the variant changes, to what, and the rule and clause that make it right.</summary>
    public sealed record Change(string Id, Verdict To, string Why)
    {
        public override string ToString() => $"{Id} → {Verdicts.Word(To)}";
    }

    private static IEnumerable<TestCaseData> WireVariants()
    {
        yield return Case(Variant.IdleClose1001);
        yield return Case(Variant.SelectsLastSubprotocol);
        yield return Case(Variant.Refragments4KiB);
        yield return Case(Variant.FailsByDropping);
        yield return Case(Variant.CloseReplyEmpty);
        yield return Case(Variant.CloseReply1000);
        yield return Case(Variant.MessageLimit1MiB);
        // §10.4 allows limits: the messages above one are the target's choice (its preflight finds the 64 KiB limit
        // between the 65536-byte rung it echoes and the 1 MiB one it refuses; the cases between get their 1009).
        yield return Case(Variant.MessageLimit64KiB,
            new Change("ws.length.text-65537", Verdict.Unimplemented, "above its message limit (§10.4)"),
            new Change("ws.length.binary-65537", Verdict.Unimplemented, "above its message limit (§10.4)"));
        // A frame limit: every case with a single frame over 16 KiB is above it, whatever the message size (§10.4).
        yield return Case(Variant.FrameLimit16KiB, [.. new[]
        {
            "ws.close.large-message-close-ping", "ws.length.text-65535", "ws.length.text-65536", "ws.length.text-65537",
            "ws.length.text-65536-in-997-byte-chops", "ws.length.binary-65535", "ws.length.binary-65536", "ws.length.binary-65537",
            "ws.length.binary-65536-in-997-byte-chops", "ws.length.server-minimal-length-64-bit",
        }.Select(id => new Change(id, Verdict.Unimplemented, "a frame above its frame limit (§10.4)"))]);
        // Fragments relayed as they arrive are owed even after an offending frame (§5.4: frames are processed in order).
        yield return Case(Variant.RelaysFragments);
        // ManagedWebSocket with a keep-alive timeout fails these connections before the offending frame is complete,
        // which is what fail fast asks (§8.1); the reference server fails them only at the frame's end (non-strict).
        yield return Case(Variant.PingsEvery100Ms,
            new Change("ws.utf8.fail-fast-inside-one-frame", Verdict.Pass, "fails inside the frame (§8.1, Autobahn 6.4.3's fail fast)"),
            new Change("ws.utf8.fail-fast-on-the-first-invalid-byte-inside-one-frame", Verdict.Pass, "fails inside the frame (§8.1, Autobahn 6.4.4's fail fast)"));
        // Its Pongs answer no Ping: recorded, never judged (§5.5.3: "A Pong frame MAY be sent unsolicited").
        yield return Case(Variant.UnsolicitedPongsEvery100Ms);
        yield return Case(Variant.RefusesUnknownSubprotocol,
            new Change("ws.handshake.subprotocol-unknown", Verdict.Informational, "declines an offer it does not support (§4.2.2 step 5: \"If the server chooses to accept\")"));
        yield return Case(Variant.RefusesUnknownExtension,
            new Change("ws.handshake.extension-unknown", Verdict.Informational, "declines an extension it does not support (§4.2.2 step 5)"));
        // Run with the subprotocol it requires, as its preflight asks; the handshakes without it are declined.
        yield return With(Variant.RequiresSubprotocol, ["chat"],
            new Change("ws.handshake.subprotocol-none-offered", Verdict.Informational, "declines a handshake without the subprotocol it requires (§4.2.2 step 5)"),
            new Change("ws.handshake.subprotocol-unknown", Verdict.Informational, "declines an offer without the subprotocol it requires (§4.2.2 step 5)"));
    }

    [TestCaseSource(nameof(WireVariants))]
    public async Task A_legitimate_choice_changes_only_its_declared_cases_and_only_for_the_better(Variant variant, string[] subprotocols, Change[] declared)
    {
        var options = Options with { Subprotocols = subprotocols };
        Assert.That(declared.Select(c => c.To), Is.All.AnyOf(Legitimate), "a legitimate choice may only make a case pass, informational or unimplemented");
        await using var reference = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
        await using var chosen = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = variant });

        var after = await MetaRun.ChangedAsync(reference.WebSocketUri, chosen.WebSocketUri, options);

        Assert.That(after.Select(r => $"{r.Id} → {Verdicts.Word(r.Verdict)}"), Is.EquivalentTo(declared.Select(c => c.ToString())), MetaRun.Describe(after));
    }

    /// <summary>
    /// Speaking only "conformance.v1", the variant declines the split offer of two other subprotocols as it declines
    /// them on one line: its choice (§4.2.2 step 5), which §11.3.4's "logically the same" keeps consistent.
    /// </summary>
    [Test]
    public async Task A_split_offer_declined_as_on_one_line_costs_no_verdict()
    {
        await using var reference = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
        await using var chosen = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = Variant.RefusesUnknownSubprotocol, Subprotocols = ["conformance.v1"] });

        var after = await MetaRun.ChangedAsync(reference.WebSocketUri, chosen.WebSocketUri, Options);

        Assert.That(MetaRun.Verdicts(after), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["ws.handshake.subprotocol-unknown"] = "informational",
            ["ws.handshake.subprotocol-split-over-lines"] = "informational",
        }), MetaRun.Describe(after));
    }

    /// <summary>Streaming echoes get the verdicts of whole-message echoes on the full tier's messages of up to 16 MiB too.</summary>
    [TestCase(Variant.RelaysFragments)]
    [TestCase(Variant.Refragments4KiB)]
    public async Task A_streaming_echo_costs_no_full_tier_verdict(Variant variant)
    {
        var options = new RunOptions { Target = new Uri("ws://unused") };
        await using var reference = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
        await using var chosen = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Variant = variant });

        var after = await MetaRun.ChangedAsync(reference.WebSocketUri, chosen.WebSocketUri, options, cases: Repository.FullTierCases);

        Assert.That(after, Is.Empty, MetaRun.Describe(after));
    }

    private static TestCaseData Case(Variant variant, params Change[] declared) => With(variant, [], declared);

    private static TestCaseData With(Variant variant, string[] subprotocols, params Change[] declared) =>
        new TestCaseData(variant, subprotocols, declared).SetName($"A_legitimate_choice_changes_only_its_declared_cases_and_only_for_the_better({variant})");
}
