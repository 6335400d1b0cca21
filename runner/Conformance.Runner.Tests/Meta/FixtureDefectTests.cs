using Conformance.ReferenceServer;
using Conformance.Runner.Tests.Infrastructure;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Meta;

/// <summary>
/// Each fixture is the reference server with exactly one defect. The cases whose verdict differs from the
/// reference run must be exactly the cases declared here for that defect — non-empty, and inside its area —
/// so every defect is caught, by the right cases, and by nothing else.
/// </summary>
[TestFixture]
[Category("Meta")]
public sealed class FixtureDefectTests
{
    private static readonly RunOptions Options = new() { Target = new Uri("ws://unused"), Timeout = TimeSpan.FromMilliseconds(1000), Silence = TimeSpan.FromMilliseconds(200) };
    private static Dictionary<string, string>? reference;

    private static IReadOnlyList<CaseDefinition> Cases => Repository.DefaultCases;

    private static IEnumerable<string> Ids(Func<CaseDefinition, bool> predicate) => Cases.Where(predicate).Select(c => c.Id);

    /// <summary>Defect → (area, the cases that must change verdict).</summary>
    private static IEnumerable<TestCaseData> Defects()
    {
        // A wrong accept value fails every case that judges a 101 (§4.2.2); other cases only note it.
        yield return Case(Defect.WrongAcceptKey, "handshake", Ids(c => c.Expect.Oracle == OracleKind.UpgradeAccepted));
        yield return Case(Defect.AcceptsVersion99, "handshake", ["ws.handshake.version-99"]);
        yield return Case(Defect.MissingVersionHeaderOnReject, "handshake", ["ws.handshake.version-99"]);
        // Selecting an unoffered subprotocol is wrong on every 101 (§4.2.2).
        yield return Case(Defect.SelectsUnofferedSubprotocol, "handshake", Ids(c => c.Expect.Oracle == OracleKind.UpgradeAccepted));
        yield return Case(Defect.AcceptsUnmaskedFrames, "masking", Ids(c => c.Area == "masking" && c.Expect.Oracle == OracleKind.FailConnection));
        yield return Case(Defect.MasksOwnFrames, "masking", ["ws.masking.server-frames-unmasked"]);
        yield return Case(Defect.IgnoresRsvBits, "frame", Ids(c => c.Area == "frame" && c.Tags.Contains("rsv")));
        yield return Case(Defect.AcceptsReservedOpcodes, "frame", Ids(c => c.Area == "frame" && c.Tags.Contains("opcode")));
        // Every server frame in the 64-bit form: only the cases whose echo should use the 7- or 16-bit form see it.
        yield return Case(Defect.NonMinimalLengths, "length", ["ws.length.server-minimal-length-7-bit", "ws.length.server-minimal-length-16-bit"]);
        yield return Case(Defect.IgnoresLengthMsb, "length", ["ws.length.msb-set"]);
    }

    [TestCaseSource(nameof(Defects))]
    public async Task Only_the_declared_cases_change_verdict(Defect defect, string area, string[] declared)
    {
        Assert.That(declared, Is.Not.Empty);
        Assert.That(declared.Select(id => id.Split('.')[1]), Is.All.EqualTo(area), "the declared cases lie inside the defect's area");
        var baseline = await ReferenceVerdictsAsync();
        await using var fixture = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = defect });
        var results = await MetaRun.RunAsync(fixture.WebSocketUri, options: Options);
        var changed = results.Where(r => Verdicts.Word(r.Verdict) != baseline[r.Id]).ToList();
        Assert.That(changed.Select(r => r.Id), Is.EquivalentTo(declared), MetaRun.Describe(changed));
        Assert.That(changed.Select(r => r.Verdict), Is.All.EqualTo(Verdict.Fail), "each declared case breaks a MUST");
    }

    private static async Task<Dictionary<string, string>> ReferenceVerdictsAsync()
    {
        if (reference is null)
        {
            await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
            reference = MetaRun.Verdicts(await MetaRun.RunAsync(server.WebSocketUri, options: Options));
        }

        return reference;
    }

    private static TestCaseData Case(Defect defect, string area, IEnumerable<string> declared) =>
        new TestCaseData(defect, area, declared.ToArray()).SetName($"Only_the_declared_cases_change_verdict({defect})");
}
