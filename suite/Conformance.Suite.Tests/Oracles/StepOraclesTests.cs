using System.Text;
using Conformance.Suite.Execution;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Oracles;

/// <summary>The expect steps' verdicts: what was read against what was due, at the case's level unless a rule has its own.</summary>
[TestFixture]
public sealed class StepOraclesTests
{
    private static Message Text(string text) => new(Opcode.Text, Encoding.UTF8.GetBytes(text), 1);

    [Test]
    public void The_message_due_passes_whatever_its_fragmentation()
    {
        var judgement = new Judgement(RequirementLevel.Must);

        var matched = StepOracles.MessageReceived(judgement, "the echo of text", Text("hello"), new Message(Opcode.Text, Encoding.UTF8.GetBytes("hello"), 3));

        Assert.Multiple(() =>
        {
            Assert.That(matched, Is.True);
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Pass));
        });
    }

    [Test]
    public void Another_payload_takes_the_case_level_and_names_the_first_difference()
    {
        var judgement = new Judgement(RequirementLevel.Should);

        var matched = StepOracles.MessageReceived(judgement, "the echo of text", Text("hello"), Text("hellO"));

        Assert.Multiple(() =>
        {
            Assert.That(matched, Is.False);
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.NonStrict));
            Assert.That(judgement.Observed(), Does.Contain("first difference at byte 4"));
        });
    }

    [Test]
    public void Another_opcode_is_not_the_message_due()
    {
        var judgement = new Judgement(RequirementLevel.Must);

        StepOracles.MessageReceived(judgement, "the echo of text", Text("hi"), new Message(Opcode.Binary, Encoding.UTF8.GetBytes("hi"), 1));

        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Fail));
    }

    [Test]
    public void A_missing_message_is_decided_by_the_timeout_only_when_one_passed()
    {
        var timedOut = new Judgement(RequirementLevel.Must);
        var closed = new Judgement(RequirementLevel.Must);

        StepOracles.MessageMissing(timedOut, "the echo of text", "nothing before the timeout", timedOut: true);
        StepOracles.MessageMissing(closed, "the echo of text", "a Close 1002", timedOut: false);

        Assert.Multiple(() =>
        {
            Assert.That(timedOut.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(timedOut.DecidedByTimeout, Is.True);
            Assert.That(closed.DecidedByTimeout, Is.False);
            Assert.That(closed.Observed(), Does.Contain("got a Close 1002"));
        });
    }

    [Test]
    public void A_late_pong_is_the_should_of_5_5_2_even_in_a_must_case()
    {
        var judgement = new Judgement(RequirementLevel.Must);

        StepOracles.PongLate(judgement);

        Assert.That(judgement.Verdict, Is.EqualTo(Rules.Wire.PongPromptly.Verdict).And.EqualTo(Verdict.NonStrict));
    }

    [Test]
    public void A_missing_pong_names_the_pongs_that_answer_no_ping_as_evidence()
    {
        var judgement = new Judgement(RequirementLevel.Must);
        var unsolicited = new FrameTally();
        unsolicited.Add(new FrameIn(new FrameHeader(true, 0, Opcode.Pong, false, 2), [1, 2]));

        StepOracles.PongMissing(judgement, 3, "connection open", unsolicited, timedOut: true);

        Assert.Multiple(() =>
        {
            Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(judgement.DecidedByTimeout, Is.True);
            Assert.That(judgement.Observed(), Does.Contain("1 Pong that answers no Ping sent came instead (pong frame (2 bytes))"));
        });
    }

    [Test]
    public void Silence_passes_and_an_answer_when_none_was_due_is_a_violation()
    {
        var quiet = new Judgement(RequirementLevel.Must);
        var answered = new Judgement(RequirementLevel.Must);

        StepOracles.Silence(quiet, "the server", null, TimeSpan.FromMilliseconds(500));
        StepOracles.Silence(answered, "the server", "text (2 bytes)", TimeSpan.FromMilliseconds(500));

        Assert.Multiple(() =>
        {
            Assert.That(quiet.Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That(quiet.Observed(), Does.Contain("nothing within 500 ms"));
            Assert.That(answered.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(answered.Observed(), Does.Contain("the server answered: text (2 bytes)"));
        });
    }
}
