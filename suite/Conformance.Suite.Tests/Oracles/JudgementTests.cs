using Conformance.Suite.Oracles;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Oracles;

/// <summary>The one place a case's findings become its verdict.</summary>
[TestFixture]
public sealed class JudgementTests
{
    private static readonly Rule ShouldRule = new("test.should", RequirementLevel.Should, "RFC6455 7.4.1");

    [TestCase(RequirementLevel.Must)]
    [TestCase(RequirementLevel.Informational)]
    public void No_findings_is_a_pass(RequirementLevel level)
    {
        var judgement = new Judgement(level);
        judgement.Observe("echoed");
        judgement.Annotate("server sent an unsolicited pong");

        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Pass));
    }

    [TestCase(RequirementLevel.Must, Verdict.Fail)]
    [TestCase(RequirementLevel.Should, Verdict.NonStrict)]
    [TestCase(RequirementLevel.May, Verdict.Informational)]
    [TestCase(RequirementLevel.Informational, Verdict.Informational)]
    public void Case_level_violation_maps_by_the_case_level(RequirementLevel level, Verdict verdict)
    {
        var judgement = new Judgement(level);

        judgement.Violation("did not fail the connection");

        Assert.That(judgement.Verdict, Is.EqualTo(verdict));
    }

    [Test]
    public void Violation_of_a_named_rule_ignores_the_case_level()
    {
        var judgement = new Judgement(RequirementLevel.Must);

        judgement.Violation(ShouldRule, "close code 1000 instead of 1002");

        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.NonStrict));
    }

    [Test]
    public void Worst_finding_wins_whatever_the_order()
    {
        var first = new Judgement(RequirementLevel.Must);
        first.Violation(ShouldRule, "should");
        first.Violation("must");
        first.Informational("info");

        var second = new Judgement(RequirementLevel.Must);
        second.Informational("info");
        second.Violation("must");
        second.Violation(ShouldRule, "should");

        Assert.Multiple(() =>
        {
            Assert.That(first.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(second.Verdict, Is.EqualTo(Verdict.Fail));
        });
    }

    [Test]
    public void Harness_error_outranks_a_target_failure()
    {
        var judgement = new Judgement(RequirementLevel.Must);
        judgement.Violation("must");
        judgement.Error("socket could not be opened");

        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Error));
    }

    [Test]
    public void Unimplemented_outranks_informational_but_not_non_strict()
    {
        var judgement = new Judgement(RequirementLevel.Must);
        judgement.Informational("info");
        judgement.Unimplemented("no echo");
        var unimplemented = judgement.Verdict;
        judgement.Violation(ShouldRule, "should");

        Assert.Multiple(() =>
        {
            Assert.That(unimplemented, Is.EqualTo(Verdict.Unimplemented));
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.NonStrict));
        });
    }

    [Test]
    public void Observed_puts_the_deciding_findings_first_then_what_was_seen()
    {
        var judgement = new Judgement(RequirementLevel.Must);
        judgement.Observe("received Close 1000");
        judgement.Violation(ShouldRule, "close code 1000 is not 1002");
        judgement.Observe("TCP closed");
        judgement.Violation("answered the ping sent after the bad frame.");

        Assert.That(judgement.Observed(), Is.EqualTo("answered the ping sent after the bad frame. Seen: received Close 1000; TCP closed."));
    }

    [Test]
    public void Observed_lists_every_finding_of_the_deciding_verdict_in_order()
    {
        var judgement = new Judgement(RequirementLevel.Must);
        judgement.Violation("first");
        judgement.Informational("not deciding");
        judgement.Violation("second");

        Assert.That(judgement.Observed(), Is.EqualTo("first. second."));
    }

    [Test]
    public void Observed_without_findings_is_what_was_seen()
    {
        var judgement = new Judgement(RequirementLevel.Must);
        judgement.Observe("echoed");
        judgement.Observe("closed");

        Assert.That(judgement.Observed(), Is.EqualTo("echoed; closed"));
    }

    [Test]
    public void Observed_of_an_empty_judgement_is_empty()
    {
        Assert.That(new Judgement(RequirementLevel.Must).Observed(), Is.Empty);
    }

    [Test]
    public void Annotations_are_kept_once_in_order_and_do_not_change_the_verdict()
    {
        var judgement = new Judgement(RequirementLevel.Must);
        judgement.Annotate("b");
        judgement.Annotate("a");
        judgement.Annotate("b");

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Annotations, Is.EqualTo(new[] { "b", "a" }));
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Pass));
        });
    }
}
