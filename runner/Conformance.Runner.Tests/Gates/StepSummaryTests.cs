using Conformance.Runner.Gate;
using Conformance.Runner.Reporters;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Gates;

/// <summary>results → the markdown appended to $GITHUB_STEP_SUMMARY: the table, the lists, the baseline, and escaping.</summary>
[TestFixture]
public sealed class StepSummaryTests
{
    private static string[] Lines(string markdown) => markdown.Split('\n');

    [Test]
    public void The_table_counts_each_area_by_verdict_and_in_all()
    {
        var lines = Lines(StepSummary.Build(Samples.OneOfEachVerdict(), baseline: null));

        Assert.That(lines, Does.Contain("| area | pass | informational | unimplemented | non-strict | fail | error | total |"));
        Assert.That(lines, Does.Contain("| frame | 1 | 0 | 0 | 1 | 1 | 0 | 3 |"));
        Assert.That(lines, Does.Contain("| close | 0 | 1 | 1 | 0 | 0 | 1 | 3 |"));
        Assert.That(lines, Does.Contain("| **all** | 1 | 1 | 1 | 1 | 1 | 1 | 6 |"));
    }

    [Test]
    public void Failing_cases_and_non_strict_cases_are_listed_apart_with_clause_and_rerun_command()
    {
        var markdown = StepSummary.Build(Samples.OneOfEachVerdict(), baseline: null);
        var failing = markdown[markdown.IndexOf("### Failing (fail, error): 2", StringComparison.Ordinal)..markdown.IndexOf("### Non-strict", StringComparison.Ordinal)];
        var nonStrict = markdown[markdown.IndexOf("### Non-strict (a SHOULD violated): 1", StringComparison.Ordinal)..];

        Assert.That(failing, Does.Contain("- **fail** `ws.frame.fails` (RFC6455 5.2): observed for ws.frame.fails")
            .And.Contain("re-run: `./run.sh run --cases ws.frame.fails --seed 6455`")
            .And.Contain("- **error** `ws.close.errors`")
            .And.Not.Contain("ws.frame.non-strict"));
        Assert.That(nonStrict, Does.Contain("- **non-strict** `ws.frame.non-strict` (RFC6455 5.2)").And.Not.Contain("ws.frame.fails"));
        Assert.That(markdown, Does.Not.Contain("ws.frame.passes`").And.Not.Contain("`ws.close.informational`"));
    }

    [Test]
    public void Hostile_observed_text_stays_one_line_of_plain_text()
    {
        var markdown = StepSummary.Build(Samples.OneOfEachVerdict(Samples.Hostile), baseline: null);
        var line = Lines(markdown).Single(l => l.StartsWith("- **fail**", StringComparison.Ordinal));

        Assert.That(line, Does.Contain(@"a\|b \`tick\` &lt;script&gt;x&lt;/script&gt;? \#\# heading \[link\](http://evil.test) ?\[31m"));
        Assert.That(markdown, Does.Not.Contain("<script").And.Not.Contain("\n## heading").And.Not.Contain("\u001b"));
    }

    [Test]
    public void Long_target_text_is_bounded()
    {
        var line = Lines(StepSummary.Build(Samples.OneOfEachVerdict(new string('x', 100_000)), baseline: null)).Single(l => l.StartsWith("- **fail**", StringComparison.Ordinal));

        Assert.That(line.Length, Is.LessThan(400));
        Assert.That(line, Does.Contain("x…"));
    }

    [Test]
    public void The_baseline_outcome_lists_regressions_first_and_says_how_to_accept_the_verdicts()
    {
        var report = Samples.OneOfEachVerdict();
        var baseline = new Baseline
        {
            Catalogue = report.Run.Catalogue,
            Target = report.Run.Target.Url,
            Cases = new Dictionary<string, BaselineEntry>
            {
                ["ws.frame.passes"] = new() { Verdict = Verdict.Fail },
                ["ws.frame.fails"] = new() { Verdict = Verdict.Pass },
                ["ws.close.gone"] = new() { Verdict = Verdict.Pass },
            },
        };
        var outcome = BaselineGate.Evaluate("ci/baseline.json", baseline, report, "out/ci/results.json", failOnNonStrict: false);

        var markdown = StepSummary.Build(report, outcome);
        var section = markdown[markdown.IndexOf("### Baseline `ci/baseline.json`: 2 regressions, 1 improvement, 0 other changes, 3 added, 1 removed", StringComparison.Ordinal)..];

        Assert.That(Lines(section).Where(l => l.StartsWith("- ", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "- **regression** `ws.frame.fails` pass → fail (RFC6455 5.2)",
            "- **regression** `ws.close.errors` new → error (RFC6455 5.2)",
            "- **improvement** `ws.frame.passes` fail → pass (RFC6455 5.2)",
            "- **added** `ws.frame.non-strict` new → non-strict (RFC6455 5.2)",
            "- **added** `ws.close.informational` new → informational (RFC6455 5.2)",
            "- **added** `ws.close.unimplemented` new → unimplemented (RFC6455 5.2)",
            "- **removed** `ws.close.gone` was pass",
        }));
        Assert.That(section, Does.Contain("**Regressed**").And.Contain("`./run.sh baseline write out/ci/results.json --out ci/baseline.json`"));
    }
}
