using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Results;

/// <summary>The rank order of verdicts and the case-by-case comparison of two runs that baselines, compare and the report share.</summary>
[TestFixture]
public sealed class RunComparisonTests
{
    private static CaseResult Result(string id, Verdict verdict, string title = "t") =>
        new() { Id = id, Area = id.Split('.')[1], Title = title, Clause = "RFC6455 5.2", Verdict = verdict };

    private static RunReport Report(params CaseResult[] cases) => SampleResults.Report(cases);

    [TestCase(Verdict.Pass, 0)]
    [TestCase(Verdict.Informational, 0)]
    [TestCase(Verdict.Unimplemented, 0)]
    [TestCase(Verdict.NonStrict, 1)]
    [TestCase(Verdict.Fail, 2)]
    [TestCase(Verdict.Error, 2)]
    public void Rank_puts_pass_informational_unimplemented_below_non_strict_below_fail_and_error(Verdict verdict, int rank)
    {
        Assert.That(Verdicts.Rank(verdict), Is.EqualTo(rank));
    }

    [TestCase(Verdict.Pass, Verdict.NonStrict)]
    [TestCase(Verdict.Pass, Verdict.Fail)]
    [TestCase(Verdict.Informational, Verdict.Error)]
    [TestCase(Verdict.Unimplemented, Verdict.NonStrict)]
    [TestCase(Verdict.NonStrict, Verdict.Fail)]
    public void A_worse_verdict_is_a_regression_and_the_way_back_an_improvement(Verdict better, Verdict worse)
    {
        var forward = RunComparison.Between(Report(Result("ws.frame.a", better)), Report(Result("ws.frame.a", worse)));
        var back = RunComparison.Between(Report(Result("ws.frame.a", worse)), Report(Result("ws.frame.a", better)));

        Assert.That(forward.Regressions.Select(c => (c.Id, c.Before, c.After)), Is.EqualTo(new[] { ("ws.frame.a", (Verdict?)better, (Verdict?)worse) }));
        Assert.That(forward.Improvements.Concat(forward.Changed).Concat(forward.Added).Concat(forward.Removed), Is.Empty);
        Assert.That(back.Improvements.Select(c => (c.Id, c.Before, c.After)), Is.EqualTo(new[] { ("ws.frame.a", (Verdict?)worse, (Verdict?)better) }));
        Assert.That(back.Regressions, Is.Empty);
    }

    [TestCase(Verdict.Pass, Verdict.Informational)]
    [TestCase(Verdict.Informational, Verdict.Unimplemented)]
    [TestCase(Verdict.Fail, Verdict.Error)]
    public void Another_verdict_of_the_same_rank_is_a_change_neither_better_nor_worse(Verdict before, Verdict after)
    {
        var comparison = RunComparison.Between(Report(Result("ws.close.a", before)), Report(Result("ws.close.a", after)));

        Assert.That(comparison.Changed.Select(c => (c.Before, c.After)), Is.EqualTo(new[] { ((Verdict?)before, (Verdict?)after) }));
        Assert.That(comparison.Regressions.Concat(comparison.Improvements), Is.Empty);
    }

    [Test]
    public void Cases_only_in_the_later_run_are_added_and_only_in_the_earlier_removed_with_the_missing_verdict_null()
    {
        var comparison = RunComparison.Between(
            Report(Result("ws.frame.kept", Verdict.Pass), Result("ws.frame.gone", Verdict.Fail, "old title")),
            Report(Result("ws.utf8.new", Verdict.Fail, "new title"), Result("ws.frame.kept", Verdict.Pass)));

        Assert.That(comparison.Added.Single(), Is.EqualTo(new CaseChange { Id = "ws.utf8.new", Area = "utf8", Title = "new title", Clause = "RFC6455 5.2", Before = null, After = Verdict.Fail }));
        Assert.That(comparison.Removed.Single(), Is.EqualTo(new CaseChange { Id = "ws.frame.gone", Area = "frame", Title = "old title", Clause = "RFC6455 5.2", Before = Verdict.Fail, After = null }));
        Assert.That(comparison.Regressions.Concat(comparison.Improvements).Concat(comparison.Changed), Is.Empty, "a case whose verdict stayed appears nowhere");
    }

    [Test]
    public void Entries_follow_the_later_runs_order_and_take_title_and_clause_from_it()
    {
        var before = Report(Result("ws.frame.a", Verdict.Pass, "old"), Result("ws.frame.b", Verdict.Pass, "old"));
        var after = Report(Result("ws.frame.b", Verdict.Fail, "new"), Result("ws.frame.a", Verdict.Error, "new"));

        var regressions = RunComparison.Between(before, after).Regressions;

        Assert.That(regressions.Select(c => c.Id), Is.EqualTo(new[] { "ws.frame.b", "ws.frame.a" }));
        Assert.That(regressions.Select(c => c.Title), Is.All.EqualTo("new"));
    }

    [Test]
    public void Identical_runs_compare_empty()
    {
        var report = Report(Result("ws.frame.a", Verdict.Fail), Result("ws.frame.b", Verdict.NonStrict));

        var comparison = RunComparison.Between(report, report);

        Assert.That(new[] { comparison.Regressions, comparison.Improvements, comparison.Changed, comparison.Added, comparison.Removed }, Is.All.Empty);
    }
}
