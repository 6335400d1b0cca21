using Conformance.Runner.Gate;
using Conformance.Runner.Reporters;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Gates;

/// <summary>The exit code of a finished run, one test per row of the README's "Exit codes" table.</summary>
[TestFixture]
public sealed class RunGateTests
{
    private static readonly ReporterOutcome[] AllWritten = [ReporterOutcome.Done, ReporterOutcome.Done];

    private static RunReport Run(params Verdict[] verdicts) => Samples.Report([.. verdicts.Select((v, i) => Samples.Case($"ws.frame.case-{i}", v))]);

    private static RunReport Interrupted(RunReport report) => report with { Run = report.Run with { Complete = false } };

    private static GateOutcome Baseline(Verdict before, Verdict after) =>
        BaselineGate.Judge(RunComparison.Between([Samples.Case("ws.frame.case-0", before)], [Samples.Case("ws.frame.case-0", after)]), failOnNonStrict: false);

    [TestCase(Verdict.Pass)]
    [TestCase(Verdict.Informational)]
    [TestCase(Verdict.Unimplemented)]
    [TestCase(Verdict.NonStrict)]
    public void No_fail_or_error_exits_0(Verdict verdict) =>
        Assert.That(RunGate.ExitCode(Run(Verdict.Pass, verdict), failOnNonStrict: false, baseline: null, AllWritten), Is.EqualTo(0));

    [TestCase(Verdict.Fail)]
    [TestCase(Verdict.Error)]
    public void A_fail_or_an_error_exits_1(Verdict verdict) =>
        Assert.That(RunGate.ExitCode(Run(Verdict.Pass, verdict), failOnNonStrict: false, baseline: null, AllWritten), Is.EqualTo(1));

    [Test]
    public void Non_strict_exits_1_under_fail_on_non_strict() =>
        Assert.That(RunGate.ExitCode(Run(Verdict.Pass, Verdict.NonStrict), failOnNonStrict: true, baseline: null, AllWritten), Is.EqualTo(1));

    [Test]
    public void With_a_baseline_a_known_failure_exits_0() =>
        Assert.That(RunGate.ExitCode(Run(Verdict.Fail), failOnNonStrict: false, Baseline(Verdict.Fail, Verdict.Fail), AllWritten), Is.EqualTo(0));

    [Test]
    public void With_a_baseline_a_regression_exits_1_even_when_no_case_fails() =>
        Assert.That(RunGate.ExitCode(Run(Verdict.NonStrict), failOnNonStrict: false, Baseline(Verdict.Pass, Verdict.NonStrict), AllWritten), Is.EqualTo(1));

    [Test]
    public void An_output_that_cannot_be_written_exits_2_even_when_every_case_passes() =>
        Assert.That(RunGate.ExitCode(Run(Verdict.Pass), failOnNonStrict: false, baseline: null, [ReporterOutcome.Done, ReporterOutcome.WriteFailed]), Is.EqualTo(2));

    [Test]
    public void An_output_that_cannot_be_written_exits_2_rather_than_1_for_failures() =>
        Assert.That(RunGate.ExitCode(Run(Verdict.Fail), failOnNonStrict: false, baseline: null, [ReporterOutcome.WriteFailed]), Is.EqualTo(2));

    [Test]
    public void A_refused_upload_exits_1_even_when_every_case_passes_and_another_write_failed() =>
        Assert.That(RunGate.ExitCode(Run(Verdict.Pass), failOnNonStrict: false, baseline: null, [ReporterOutcome.WriteFailed, ReporterOutcome.UploadRefused]), Is.EqualTo(1));

    [Test]
    public void A_refused_upload_exits_1_even_when_the_baseline_holds() =>
        Assert.That(RunGate.ExitCode(Run(Verdict.Pass), failOnNonStrict: false, Baseline(Verdict.Pass, Verdict.Pass), [ReporterOutcome.UploadRefused]), Is.EqualTo(1));

    [Test]
    public void An_interrupted_run_exits_130_whatever_its_verdicts_and_outputs() =>
        Assert.That(
            new[]
            {
                RunGate.ExitCode(Interrupted(Run(Verdict.Pass)), failOnNonStrict: false, baseline: null, AllWritten),
                RunGate.ExitCode(Interrupted(Run(Verdict.Fail)), failOnNonStrict: true, Baseline(Verdict.Pass, Verdict.Fail), [ReporterOutcome.WriteFailed]),
            },
            Is.All.EqualTo(130));
}
