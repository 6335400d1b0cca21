using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Oracles;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Oracles;

/// <summary>Which cases a target's size limits put out of reach (§10.4), inferred or declared.</summary>
[TestFixture]
public sealed class LimitOraclesTests
{
    private static readonly RunOptions Options = new() { Target = new Uri("ws://unused") };

    private static CaseDefinition Sends(Opcode type, int size, int? fragment = null, params string[] requires) => new()
    {
        Id = "ws.test.case",
        Title = "test",
        Requirement = "",
        Clause = "RFC6455 5.6",
        Requires = requires,
        Body = new WireBody
        {
            Steps = [new SendStep(new FrameSpec { Opcode = type, Payload = new PayloadSpec { Size = size }, FragmentSize = fragment }), new ExpectEchoStep()],
            Expect = new Expectation { Oracle = OracleKind.Exchange },
        },
        Origin = "test",
    };

    private static TargetLimits TextMessagesUnder(long refused, long echoed) =>
        new() { Text = new TypeLimits(new SizeLimit(echoed, refused), new SizeLimit(echoed, refused)) };

    private static NotRun? Judge(CaseDefinition definition, TargetLimits limits, RunOptions? options = null) =>
        LimitOracles.Applicability(definition, (ExchangeBody)definition.Body, options ?? Options, limits);

    [Test]
    public void A_message_at_the_refused_size_is_unimplemented_with_the_limit()
    {
        var notRun = Judge(Sends(Opcode.Text, 1 << 20), TextMessagesUnder(1 << 20, 65536));

        Assert.Multiple(() =>
        {
            Assert.That(notRun?.Reason, Does.Contain("under 1048576 bytes").And.Contain("§10.4"));
            Assert.That(notRun?.Violates, Is.Null, "a limit is allowed: unimplemented, not a violation");
        });
    }

    [Test]
    public void A_message_within_the_limit_or_of_the_other_type_runs()
    {
        var limits = TextMessagesUnder(1 << 20, 65536);

        Assert.Multiple(() =>
        {
            Assert.That(Judge(Sends(Opcode.Text, 65536), limits), Is.Null);
            Assert.That(Judge(Sends(Opcode.Binary, 4 << 20), limits), Is.Null);
        });
    }

    [Test]
    public void A_frame_limit_puts_large_frames_out_of_reach_but_not_the_same_message_in_small_frames()
    {
        var limits = new TargetLimits { Binary = new TypeLimits(new SizeLimit(1 << 20, null), new SizeLimit(8192, 65536)) };

        Assert.Multiple(() =>
        {
            Assert.That(Judge(Sends(Opcode.Binary, 1 << 20), limits)?.Reason, Does.Contain("binary frames to under 65536 bytes"));
            Assert.That(Judge(Sends(Opcode.Binary, 1 << 20, fragment: 4096), limits), Is.Null);
        });
    }

    [Test]
    public void A_limit_under_126_bytes_is_a_SHOULD_violation()
    {
        var notRun = Judge(Sends(Opcode.Text, 200), TextMessagesUnder(126, 125));

        Assert.That(notRun?.Violates, Is.EqualTo(Rules.Wire.FairSizeLimit));
    }

    [Test]
    public void Declared_limits_replace_the_inferred_ones_and_leave_the_cases_about_them_alone()
    {
        var declared = Options with { MaxMessage = 65536, MaxFrame = 4096 };

        Assert.Multiple(() =>
        {
            Assert.That(Judge(Sends(Opcode.Text, 65537, fragment: 1024), TargetLimits.None, declared)?.Reason, Does.Contain("--max-message 65536"));
            Assert.That(Judge(Sends(Opcode.Text, 8192), TargetLimits.None, declared)?.Reason, Does.Contain("--max-frame 4096"));
            Assert.That(Judge(Sends(Opcode.Text, 65536, fragment: 4096), TargetLimits.None, declared), Is.Null);
            Assert.That(Judge(Sends(Opcode.Text, 1 << 20, 1024, CaseRequirements.MaxMessage), TargetLimits.None, declared), Is.Null);
        });
    }

    [TestCase(100, new long[0])]
    [TestCase(200, new long[] { 125, 126, 1024 })]
    [TestCase(65536, new long[] { 125, 126, 1024, 8192, 65536 })]
    [TestCase(16 << 20, new long[] { 125, 126, 1024, 8192, 65536, 1 << 20 })]
    public void The_ladder_climbs_to_the_first_rung_at_or_above_the_largest_message(long largest, long[] rungs) =>
        Assert.That(LimitLadder.For(largest), Is.EqualTo(rungs));
}
