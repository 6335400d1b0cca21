using Conformance.Suite.Catalogue;
using Conformance.Suite.Oracles;
using Conformance.Suite.Oracles.Browser;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Oracles;

/// <summary>The browser cases' verdicts, from what a page could have observed, without a browser.</summary>
[TestFixture]
public sealed class BrowserOracleTests
{
    private static readonly CloseSeen CleanClose = new(1000, "", WasClean: true);

    private static Judgement Judge(BrowserSpec spec, BrowserObservation seen, params string[] offered)
    {
        var judgement = new Judgement(RequirementLevel.Must);
        BrowserOracle.Judge(spec, seen, offered, judgement);
        return judgement;
    }

    [Test]
    public void A_socket_that_never_opened_fails_by_the_handshake_rule_and_is_re_run_only_after_a_timeout()
    {
        var refused = Judge(new BrowserSpec { Scenario = BrowserScenario.Echo }, new BrowserObservation { Opened = false, Errors = 1, Close = new(1006, "", false) });
        var slow = Judge(new BrowserSpec { Scenario = BrowserScenario.Echo }, new BrowserObservation { Opened = false, TimedOut = true });

        Assert.Multiple(() =>
        {
            Assert.That(refused.Verdict, Is.EqualTo(Rules.Browser.HandshakeCompletes.Verdict));
            Assert.That(refused.DecidedByTimeout, Is.False);
            Assert.That(refused.Observed(), Does.Contain("1 error event"));
            Assert.That(slow.DecidedByTimeout, Is.True);
        });
    }

    [Test]
    public void The_constructor_refusing_is_a_harness_error_not_a_verdict_on_the_target()
    {
        var judgement = Judge(new BrowserSpec { Scenario = BrowserScenario.Open }, new BrowserObservation { ConstructorError = "SyntaxError" });

        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Error));
    }

    [Test]
    public void Ready_states_other_than_connecting_then_open_fail()
    {
        var judgement = Judge(new BrowserSpec { Scenario = BrowserScenario.Open }, new BrowserObservation { Opened = true, ReadyStates = [1, 3], Close = CleanClose });

        Assert.That(judgement.Verdict, Is.EqualTo(Rules.Browser.ReadyStateOpens.Verdict));
    }

    [Test]
    public void A_protocol_that_was_not_offered_fails_and_no_protocol_at_all_is_the_declared_should()
    {
        var spec = new BrowserSpec { Scenario = BrowserScenario.Subprotocol };
        var unoffered = Judge(spec, new BrowserObservation { Opened = true, Protocol = "other", Close = CleanClose }, "chat");
        var none = Judge(spec, new BrowserObservation { Opened = true, Protocol = "", Close = CleanClose }, "chat");
        var chosen = Judge(spec, new BrowserObservation { Opened = true, Protocol = "chat", Close = CleanClose }, "superchat", "chat");

        Assert.Multiple(() =>
        {
            Assert.That(unoffered.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(none.Verdict, Is.EqualTo(Rules.Browser.DeclaredSubprotocolSelected.Verdict).And.EqualTo(Verdict.NonStrict));
            Assert.That(chosen.Verdict, Is.EqualTo(Verdict.Pass));
        });
    }

    [Test]
    public void A_protocol_when_nothing_was_offered_fails()
    {
        var judgement = Judge(new BrowserSpec { Scenario = BrowserScenario.Subprotocol, OfferNone = true }, new BrowserObservation { Opened = true, Protocol = "chat", Close = CleanClose });

        Assert.That(judgement.Verdict, Is.EqualTo(Rules.Wire.SubprotocolFromOffer.Verdict));
    }

    [Test]
    public void Echoes_must_be_identical_and_complete()
    {
        var spec = new BrowserSpec { Scenario = BrowserScenario.Echo, Size = 125 };
        var identical = Judge(spec, new BrowserObservation { Opened = true, Echoes = [new EchoSeen { SentBytes = 125, ReceivedBytes = 125, Equal = true }], Close = CleanClose });
        var different = Judge(spec, new BrowserObservation { Opened = true, Echoes = [new EchoSeen { SentBytes = 125, ReceivedBytes = 125, FirstDifference = 7 }], Close = CleanClose });
        var missing = Judge(spec, new BrowserObservation { Opened = true, Echoes = [new EchoSeen { Missing = true }] });
        var none = Judge(spec, new BrowserObservation { Opened = true, Close = CleanClose });

        Assert.Multiple(() =>
        {
            Assert.That(identical.Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That(different.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(different.Observed(), Does.Contain("first difference at byte 7"));
            Assert.That(missing.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(missing.DecidedByTimeout, Is.True);
            Assert.That(none.Observed(), Does.Contain("1 of 1 messages were not echoed"));
        });
    }

    [Test]
    public void A_compressed_echo_without_the_extension_is_unimplemented()
    {
        var judgement = Judge(new BrowserSpec { Scenario = BrowserScenario.CompressedEcho }, new BrowserObservation { Opened = true, Skipped = "permessage-deflate was not negotiated", Extensions = "" });

        Assert.That(judgement.Verdict, Is.EqualTo(Verdict.Unimplemented));
    }

    [Test]
    public void A_close_answered_with_another_code_is_the_should_of_5_5_1_and_an_unclean_one_fails()
    {
        var spec = new BrowserSpec { Scenario = BrowserScenario.Close, Code = 3000, Reason = "bye" };
        var otherCode = Judge(spec, new BrowserObservation { Opened = true, Close = new(1000, "", true) });
        var unclean = Judge(spec, new BrowserObservation { Opened = true, Close = new(1006, "", false) });
        var echoed = Judge(spec, new BrowserObservation { Opened = true, Close = new(3000, "other", true) });

        Assert.Multiple(() =>
        {
            Assert.That(otherCode.Verdict, Is.EqualTo(Rules.Wire.CloseCodeEchoed.Verdict));
            Assert.That(unclean.Verdict, Is.EqualTo(Rules.Browser.AnswersClose.Verdict).And.EqualTo(Verdict.Fail));
            Assert.That(echoed.Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That(echoed.Annotations, Has.Some.Contains("echoing the reason is not required"));
        });
    }

    [Test]
    public void A_buffer_that_never_drains_fails_and_an_empty_one_is_only_remarked()
    {
        var spec = new BrowserSpec { Scenario = BrowserScenario.Buffered, Size = 4 << 20 };
        var echo = new EchoSeen { SentBytes = 4 << 20, ReceivedBytes = 4 << 20, Equal = true };
        var stuck = Judge(spec, new BrowserObservation { Opened = true, Buffered = new(4 << 20, 4 << 20, false, null), Echoes = [echo] });
        var immediate = Judge(spec, new BrowserObservation { Opened = true, Buffered = new(0, 0, true, 0), Echoes = [echo], Close = CleanClose });

        Assert.Multiple(() =>
        {
            Assert.That(stuck.Verdict, Is.EqualTo(Rules.Browser.BufferDrains.Verdict));
            Assert.That(immediate.Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That(immediate.Annotations, Has.Some.Contains("already 0"));
        });
    }

    [Test]
    public void A_target_closing_over_its_limit_should_send_1009_in_a_closing_handshake()
    {
        var spec = new BrowserSpec { Scenario = BrowserScenario.TargetCloses };
        var fitting = Judge(spec, new BrowserObservation { Opened = true, Close = new(1009, "", true) });
        var otherCode = Judge(spec, new BrowserObservation { Opened = true, Close = new(1000, "", true) });
        var dropped = Judge(spec, new BrowserObservation { Opened = true, Close = new(1006, "", false) });
        var open = Judge(spec, new BrowserObservation { Opened = true, TimedOut = true });

        Assert.Multiple(() =>
        {
            Assert.That(fitting.Verdict, Is.EqualTo(Verdict.Pass));
            Assert.That(otherCode.Verdict, Is.EqualTo(Rules.Wire.FittingFailureCode.Verdict));
            Assert.That(dropped.Verdict, Is.EqualTo(Rules.Wire.FailureCodeSent.Verdict));
            Assert.That(open.Verdict, Is.EqualTo(Rules.Browser.ClosesOverLimit.Verdict));
            Assert.That(open.DecidedByTimeout, Is.True);
        });
    }
}
