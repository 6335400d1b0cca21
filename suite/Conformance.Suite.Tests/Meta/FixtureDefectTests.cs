using Conformance.ReferenceServer;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Meta;

/// <summary>
/// Each fixture is the reference server with exactly one defect. The cases whose verdict differs from the
/// reference run must be exactly the cases declared here for that defect — non-empty, and inside its area —
/// so every defect is caught, by the right cases, and by nothing else. A difference is re-run once on the reference
/// server and the fixture before it counts (some cases are timing-sensitive).
/// </summary>
[TestFixture]
[Category("Meta")]
public sealed class FixtureDefectTests
{
    // The fixtures run in-process on loopback: short waits keep twenty full runs quick.
    private static readonly RunOptions Options = new() { Target = new Uri("ws://unused"), Timeout = TimeSpan.FromMilliseconds(600), Silence = TimeSpan.FromMilliseconds(200) };
    private static Dictionary<string, string>? reference;

    private static IReadOnlyList<CaseDefinition> Cases => Repository.DefaultCases;

    private static IEnumerable<string> Ids(Func<CaseDefinition, bool> predicate) => Cases.Where(predicate).Select(c => c.Id);

    private static WireBody Wire(CaseDefinition definition) => (WireBody)definition.Body;

    /// <summary>Defect → (its areas, the cases that must change verdict).</summary>
    private static IEnumerable<TestCaseData> Defects()
    {
        // A wrong accept value fails every case that judges a 101 (§4.2.2); other cases only note it.
        yield return Case(Defect.WrongAcceptKey, ["handshake"], Ids(c => Wire(c).Expect.Oracle == OracleKind.UpgradeAccepted));
        yield return Case(Defect.AcceptsVersion99, ["handshake"], ["ws.handshake.version-99"]);
        // Every malformed key is upgraded: the ABNF breaks (fail) and the lengths (non-strict); a missing key is still refused.
        yield return Case(Defect.AcceptsMalformedKeys, ["handshake"], ["ws.handshake.key-not-base64", "ws.handshake.key-too-short", "ws.handshake.key-too-long", "ws.handshake.duplicate-key"]);
        // Both version refusals must list the supported versions (§4.2.2 for 99, §4.4 for 8).
        yield return Case(Defect.MissingVersionHeaderOnReject, ["handshake"], ["ws.handshake.version-99", "ws.handshake.version-8"]);
        // Selecting an unoffered subprotocol is wrong on every 101 (§4.2.2).
        yield return Case(Defect.SelectsUnofferedSubprotocol, ["handshake"], Ids(c => Wire(c).Expect.Oracle == OracleKind.UpgradeAccepted));
        yield return Case(Defect.AcceptsUnmaskedFrames, ["masking"], Ids(c => c.Area == "masking" && Wire(c).Expect.Oracle == OracleKind.FailConnection));
        yield return Case(Defect.MasksOwnFrames, ["masking"], ["ws.masking.server-frames-unmasked"]);
        yield return Case(Defect.IgnoresRsvBits, ["frame"], Ids(c => c.Area == "frame" && c.Tags.Contains("rsv")));
        yield return Case(Defect.AcceptsReservedOpcodes, ["frame"], Ids(c => c.Area == "frame" && c.Tags.Contains("opcode")));
        // Every server frame in the 64-bit form: only the cases whose echo should use the 7- or 16-bit form see it.
        yield return Case(Defect.NonMinimalLengths, ["length"], ["ws.length.server-minimal-length-7-bit", "ws.length.server-minimal-length-16-bit"]);
        yield return Case(Defect.IgnoresLengthMsb, ["length"], ["ws.length.msb-set"]);
        // Every invalid UTF-8 case: the server echoes instead of failing.
        yield return Case(Defect.NoUtf8Validation, ["utf8"], Ids(c => c.Area == "utf8" && Wire(c).Expect.Oracle == OracleKind.FailConnection));
        // Only valid text split inside a code point: each frame alone is not valid UTF-8.
        yield return Case(Defect.Utf8CheckedPerFrameOnly, ["utf8"], ["ws.utf8.valid-one-byte-fragments", "ws.utf8.valid-kosme-one-byte-fragments"]);
        // Both fragmented control frames are taken whole, so the connection carries on after either.
        yield return Case(Defect.AcceptsFragmentedPings, ["fragmentation"], ["ws.fragmentation.fragmented-ping", "ws.fragmentation.fragmented-pong"]);
        // Every case that expects a Pong: the control cases, Autobahn's Pings between fragments (5.6-5.8, 5.19-5.20) and
        // the close case that checks the server's own control frames.
        yield return Case(Defect.IgnoresPings, ["control", "fragmentation", "close"], Ids(c => Wire(c).Steps.Any(s => s is ExpectPongStep)));
        yield return Case(Defect.WrongPongPayload, ["control", "fragmentation", "close"], Ids(c => Wire(c).Steps.Any(s => s is ExpectPongStep)));
        yield return Case(Defect.AcceptsContinuationWithoutStart, ["fragmentation"], Ids(c => c.Area == "fragmentation" && c.Id.Contains("continuation", StringComparison.Ordinal) && Wire(c).Expect.Oracle == OracleKind.FailConnection));
        yield return Case(Defect.AcceptsInterleavedDataFrames, ["fragmentation"], ["ws.fragmentation.two-text-frames-as-fragments", "ws.fragmentation.binary-frame-inside-a-text-message"]);
        yield return Case(Defect.AcceptsInvalidCloseCodes, ["close"], Ids(c => c.Id.StartsWith("ws.close.invalid-code-", StringComparison.Ordinal)));
        // Every case that sends a well-formed Close and judges the answer; a 126-byte Close is still rejected.
        yield return Case(Defect.NoCloseReply, ["close"], Ids(c => c.Area == "close" && Wire(c).Expect.Oracle is OracleKind.CloseHandshake or OracleKind.FailConnection && c.Id != "ws.close.reason-124-bytes"));
        yield return Case(Defect.KeepsTcpOpenAfterClose, ["close"], Ids(c => Wire(c).Expect.Oracle == OracleKind.CloseHandshake));
        // Late, not never: only the case that judges how soon the server closes TCP sees it.
        yield return Case(Defect.ClosesTcpLate, ["close"], ["ws.close.server-closes-tcp-promptly"]);
        // Only the cases that offer a subprotocol the server selects see the upper-cased answer.
        yield return Case(Defect.SubprotocolEchoedWrongly, ["handshake"], ["ws.handshake.subprotocol-list", "ws.handshake.subprotocol-split-over-lines"]);
        // Every judged case where the server answers a Close (a 126-byte Close never reaches the WebSocket as one;
        // the observe cases record whatever comes back).
        yield return Case(Defect.CloseCodeRewritten, ["close"], Ids(c => c.Area == "close" && Wire(c).Expect.Oracle != OracleKind.Observe
            && Wire(c).Steps.OfType<SendStep>().Any(s => s.Frame.Opcode == Suite.Wire.Opcode.Close) && c.Id != "ws.close.reason-124-bytes"));
        // Data after the server's own Close fails every case that judges a closing handshake (§5.5.1).
        yield return Case(Defect.DataAfterClose, ["close"], Ids(c => Wire(c).Expect.Oracle == OracleKind.CloseHandshake));
        // Only the case dedicated to the server's Close reason judges it; elsewhere it is an annotation.
        yield return Case(Defect.CloseReasonNotUtf8, ["close"], ["ws.close.server-close-reason-utf8"]);
        // Only the split offer: refused, while the same offer on one line is accepted (§11.3.4 "logically the same").
        yield return Case(Defect.RefusesRepeatedProtocolLines, ["handshake"], ["ws.handshake.subprotocol-split-over-lines"]);
        // Binary echoes over 65535 bytes.
        yield return Case(Defect.BinaryTruncated, ["length"], ["ws.length.binary-65536", "ws.length.binary-65537", "ws.length.binary-65536-in-997-byte-chops", "ws.length.server-minimal-length-64-bit"]);
    }

    [TestCaseSource(nameof(Defects))]
    public async Task Only_the_declared_cases_change_verdict(Defect defect, string[] areas, string[] declared)
    {
        Assert.That(declared, Is.Not.Empty);
        Assert.That(declared.Select(id => id.Split('.')[1]), Is.All.AnyOf(areas), "the declared cases lie inside the defect's areas");
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
        await using var fixture = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = defect });
        reference ??= MetaRun.Verdicts(await MetaRun.RunAsync(server.WebSocketUri, options: Options));
        var changed = await MetaRun.ChangedAsync(server.WebSocketUri, fixture.WebSocketUri, Options, reference);
        Assert.That(changed.Select(r => r.Id), Is.EquivalentTo(declared), MetaRun.Describe(changed));
        // A defect breaks each declared case's requirement: a MUST case fails; a SHOULD case (the close codes §7.4 does
        // not allow) is non-strict unless a MUST rule of its own broke too.
        Assert.That(changed.Where(r => !(r.Verdict == Verdict.Fail || r.Level == RequirementLevel.Should && r.Verdict == Verdict.NonStrict)), Is.Empty, "each declared case breaks its requirement");
    }

    /// <summary>
    /// The preflight finds the limit between its 125- and 126-byte rungs; every case with a larger message is judged
    /// on that limit, non-strict (the suite's convention, stated in the rule), instead of being sent.
    /// </summary>
    [Test]
    public async Task A_limit_under_126_bytes_is_non_strict_on_every_case_above_it()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
        await using var fixture = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.LimitUnder126 });
        reference ??= MetaRun.Verdicts(await MetaRun.RunAsync(server.WebSocketUri, options: Options));
        var above = Ids(c => !c.Requires.Contains(CaseRequirements.MaxMessage) && Wire(c).MessageSizes(null).Any(m => m.Bytes >= 126) && reference[c.Id] != "non-strict");

        var changed = await MetaRun.ChangedAsync(server.WebSocketUri, fixture.WebSocketUri, Options, reference);

        Assert.That(changed.Select(r => r.Id), Is.EquivalentTo(above), MetaRun.Describe(changed));
        Assert.That(changed.Select(r => r.Verdict), Is.All.EqualTo(Verdict.NonStrict));
    }

    /// <summary>
    /// With --max-message 1 MiB declared, a 1009 for any message up to it is the case's own violation (the observe cases
    /// record whatever comes back, a 1009 too).
    /// </summary>
    [Test]
    public async Task A_limit_below_the_declared_one_fails_every_case_between_them()
    {
        const int declared = 1024 * 1024;
        var options = Options with { MaxMessage = declared };
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { MaxMessageSize = declared });
        await using var fixture = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { MaxMessageSize = declared, Defect = Defect.LimitBelowDeclared });
        var between = Ids(c => !c.Requires.Contains(CaseRequirements.MaxMessage) && Wire(c).Expect.Oracle != OracleKind.Observe
            && Wire(c).MessageSizes(declared).Any(m => m.Bytes is > 64 * 1024 and <= declared));

        var changed = await MetaRun.ChangedAsync(server.WebSocketUri, fixture.WebSocketUri, options);

        Assert.That(changed.Select(r => r.Id), Is.EquivalentTo(between), MetaRun.Describe(changed));
        Assert.That(changed.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Fail));
    }

    private static TestCaseData Case(Defect defect, string[] areas, IEnumerable<string> declared) =>
        new TestCaseData(defect, areas, declared.ToArray()).SetName($"Only_the_declared_cases_change_verdict({defect})");
}
