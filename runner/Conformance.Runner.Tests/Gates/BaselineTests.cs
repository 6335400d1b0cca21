using Conformance.Runner.Gate;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Gates;

/// <summary>The baseline file (write, read, every way it can be wrong) and the regression decision.</summary>
[TestFixture]
public sealed class BaselineTests
{
    private string folder = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(folder = Path.Combine(Path.GetTempPath(), $"conformance-baseline-{Guid.NewGuid():N}"));

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task A_written_baseline_reads_back_with_every_verdict_and_reason()
    {
        var report = Samples.OneOfEachVerdict();
        var path = Path.Combine(folder, "nested", "baseline.json");
        await Baseline.WriteAsync(Baseline.From(report, new Dictionary<string, string> { ["ws.frame.fails"] = "bug #12" }, DateTimeOffset.UnixEpoch), path);

        var read = Baseline.Read(path, out var problem);

        Assert.That(problem, Is.Null);
        Assert.That(read!.Cases.Select(c => (c.Key, c.Value.Verdict)), Is.EqualTo(report.Cases.Select(c => (c.Id, c.Verdict))));
        Assert.That(read.Cases["ws.frame.fails"].Reason, Is.EqualTo("bug #12"));
        Assert.That(read.Cases["ws.frame.passes"].Reason, Is.Null);
        Assert.That((read.Catalogue, read.Target, read.WrittenAt), Is.EqualTo((report.Run.Catalogue, report.Run.Target.Url, DateTimeOffset.UnixEpoch)));
        Assert.That(await File.ReadAllTextAsync(path), Does.Contain("\"schemaVersion\": 1").And.Contain("\"verdict\": \"non-strict\""));
    }

    [TestCase("{ not json", "is malformed")]
    [TestCase("[]", "has no schemaVersion")]
    [TestCase("""{ "schemaVersion": 2, "cases": {} }""", "has schemaVersion 2; this conformance reads schemaVersion 1")]
    [TestCase("""{ "schemaVersion": 1, "catalogue": { "version": "1", "hash": "h" }, "target": "t", "cases": { "ws.a.b": { "verdict": "great" } } }""", "malformed: unexpected value at $.cases['ws.a.b'].verdict")]
    [TestCase("""{ "schemaVersion": 1, "catalogue": { "version": "1", "hash": "h" }, "target": "t", "cases": { "ws.a.b": null } }""", "malformed: a case has null instead of a verdict")]
    [TestCase("""{ "schemaVersion": 1, "catalogue": { "version": "1", "hash": "h" }, "target": null, "cases": {} }""", "malformed")]
    [TestCase("""{ "schemaVersion": 1, "run": {}, "cases": [] }""", "is a results file; write a baseline from it with ./run.sh baseline write")]
    public async Task A_bad_baseline_is_refused_with_a_message_naming_the_file(string content, string message)
    {
        var path = Path.Combine(folder, "baseline.json");
        await File.WriteAllTextAsync(path, content);

        Assert.That(Baseline.Read(path, out var problem), Is.Null);
        Assert.That(problem, Does.StartWith($"baseline file '{path}'").And.Contain(message));
    }

    [Test]
    public void A_missing_baseline_is_refused_with_a_message_naming_the_file()
    {
        var path = Path.Combine(folder, "nothing.json");

        Assert.That(Baseline.Read(path, out var problem), Is.Null);
        Assert.That(problem, Is.EqualTo($"baseline file '{path}' does not exist"));
    }

    [TestCase(Verdict.Fail, false, true)]
    [TestCase(Verdict.Error, false, true)]
    [TestCase(Verdict.NonStrict, false, false)]
    [TestCase(Verdict.NonStrict, true, true)]
    [TestCase(Verdict.Pass, true, false)]
    [TestCase(Verdict.Unimplemented, true, false)]
    public void A_new_case_is_a_regression_when_its_verdict_would_fail_a_run(Verdict verdict, bool failOnNonStrict, bool regression)
    {
        var comparison = RunComparison.Between([], [Samples.Case("ws.frame.new", verdict)]);

        Assert.That(BaselineGate.Judge(comparison, failOnNonStrict).Regressed, Is.EqualTo(regression));
    }

    [Test]
    public void Improvements_other_changes_and_removed_cases_never_fail_the_gate()
    {
        var gate = BaselineGate.Judge(RunComparison.Between(
            [Samples.Case("ws.frame.a", Verdict.Fail), Samples.Case("ws.frame.b", Verdict.Fail), Samples.Case("ws.frame.gone", Verdict.Fail)],
            [Samples.Case("ws.frame.a", Verdict.Pass), Samples.Case("ws.frame.b", Verdict.Error)]), failOnNonStrict: true);

        Assert.That(gate.Regressed, Is.False);
        Assert.That(gate.Counts, Is.EqualTo("0 regressions, 1 improvement, 1 other change, 0 added, 1 removed"));
    }

    [Test]
    public void A_worse_verdict_is_a_regression_even_when_it_would_not_fail_a_run_alone()
    {
        // pass → non-strict exits 0 without a baseline, but a baseline holds the target to what it achieved.
        var gate = BaselineGate.Judge(RunComparison.Between([Samples.Case("ws.frame.a", Verdict.Pass)], [Samples.Case("ws.frame.a", Verdict.NonStrict)]), failOnNonStrict: false);

        Assert.That(gate.Regressions.Select(c => GateOutcome.Transition(c)), Is.EqualTo(new[] { "pass → non-strict" }));
    }

    [Test]
    public void An_interrupted_run_lists_no_removed_cases()
    {
        var baseline = Baseline.From(Samples.OneOfEachVerdict(), new Dictionary<string, string>(), DateTimeOffset.UnixEpoch);
        var partial = Samples.Report(Samples.Case("ws.frame.passes", Verdict.Pass));
        partial = partial with { Run = partial.Run with { Complete = false } };

        var outcome = BaselineGate.Evaluate("b.json", baseline, partial, "out/results.json", failOnNonStrict: false);

        Assert.That(outcome.Gate.Comparison.Removed, Is.Empty);
        Assert.That(outcome.RefreshCommand, Is.EqualTo("./run.sh baseline write out/results.json --out b.json"));
    }
}
