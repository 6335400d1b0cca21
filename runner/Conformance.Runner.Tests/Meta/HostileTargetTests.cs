using Conformance.Runner.Tests.Infrastructure;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Meta;

/// <summary>
/// Hostile targets never hang the run: every case ends within its timeout plus one second, is judged (never
/// error, a violation at its level unless the case legitimately cannot tell), the run completes, and the
/// runner's memory stays bounded.
/// </summary>
[TestFixture]
[Category("Slow")]
public sealed class HostileTargetTests
{
    private const int TimeoutMs = 500;
    private const int SilenceMs = 100;
    private const long MemoryLimit = 300L * 1024 * 1024;

    [TestCase(Hostility.NeverAnswers)]
    [TestCase(Hostility.Garbage)]
    [TestCase(Hostility.Floods)]
    [TestCase(Hostility.ResetsMidFrame)]
    public async Task Every_case_is_judged_in_time_and_the_run_completes(Hostility hostility)
    {
        await using var server = new HostileServer(hostility);
        var outDir = Path.Combine(Path.GetTempPath(), $"conformance-hostile-{hostility}-{Guid.NewGuid():N}");
        // Flooding connections compete with the runner for the 2 cores; fewer at once keep the run about the target.
        var outcome = await ConformanceCli.RunAsync(
            ["run", "--target", server.WebSocketUri.ToString(), "--out", outDir, "--timeout-ms", $"{TimeoutMs}", "--silence-ms", $"{SilenceMs}", "--parallel", hostility == Hostility.Floods ? "4" : "8", "--quiet"],
            TimeSpan.FromMinutes(3));
        var report = ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDir, "results.json")));
        Directory.Delete(outDir, recursive: true);

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Errors);
        Assert.That(report.Run.Complete, Is.True);
        Assert.That(report.Cases, Has.Count.EqualTo(Repository.DefaultCases.Count));
        Assert.That(report.Cases.Where(c => c.Verdict == Verdict.Error).Select(c => $"{c.Id}: {c.Observed}"), Is.Empty);
        // The case budget: its timeout from the open connection, plus a second.
        Assert.That(report.Cases.Where(c => c.DurationMs > TimeoutMs + 1000).Select(c => $"{c.Id}: {c.DurationMs} ms"), Is.Empty);
        Assert.That(outcome.PeakMemoryBytes, Is.LessThan(MemoryLimit));

        // What may legitimately not fail. Cases that need an option the run does not give are unimplemented. Floods and ResetsMidFrame answer every request with a correct 101, so the
        // cases that judge the answer to a valid handshake pass, and informational cases record what happened.
        // ResetsMidFrame also drops every connection, which is a valid way to fail the connection (§7.1.7): those
        // cases cannot tell the drop from a reaction to their offending frame, and pass.
        var mayNotFail = Repository.DefaultCases.Where(c => hostility switch
        {
            Hostility.Floods => ((WireBody)c.Body).Expect.Oracle is OracleKind.UpgradeAccepted or OracleKind.UpgradeObserved || c.Level == RequirementLevel.Informational,
            Hostility.ResetsMidFrame => ((WireBody)c.Body).Expect.Oracle is OracleKind.UpgradeAccepted or OracleKind.UpgradeObserved or OracleKind.FailConnection || c.Level == RequirementLevel.Informational,
            _ => false,
        } || c.Requires.Count > 0).Select(c => c.Id).ToHashSet();
        // Everything else is a violation: with no HTTP answer at all, a MUST of HTTP and §4.2.2 fails every case;
        // after a 101, each case is violated at its own level (fail for a MUST, non-strict for a SHOULD).
        Verdict Expected(CaseDefinition c) => hostility is Hostility.NeverAnswers or Hostility.Garbage ? Verdict.Fail : Verdicts.ForViolation(c.Level);
        var wrong = Repository.DefaultCases.Join(report.Cases, c => c.Id, r => r.Id, (c, r) => (Case: c, Result: r))
            .Where(p => p.Result.Verdict != Expected(p.Case) && !mayNotFail.Contains(p.Case.Id))
            .Select(p => $"{p.Result.Id}: {Verdicts.Word(p.Result.Verdict)} — {p.Result.Observed}");
        Assert.That(wrong, Is.Empty);
    }
}
