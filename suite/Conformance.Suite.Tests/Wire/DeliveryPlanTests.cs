using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Wire;

/// <summary>The typed plan that decides how a case's bytes are written (whole, per frame, chops, byte by byte).</summary>
[TestFixture]
public sealed class DeliveryPlanTests
{
    private static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 31)).ToArray();

    private static List<int> Sizes(DeliveryPlan plan, byte[] frame) => plan.Split(frame).Select(p => p.Length).ToList();

    private static DeliveryPlan Parsed(string text)
    {
        Assert.That(DeliveryPlan.TryParse(text, out var plan), Is.True, text);
        return plan;
    }

    [TestCase("whole", DeliveryMode.Whole, 0, 0)]
    [TestCase("per-frame", DeliveryMode.PerFrame, 0, 0)]
    [TestCase("bytewise", DeliveryMode.Bytewise, 1, 0)]
    [TestCase("chops:997", DeliveryMode.Chops, 997, 0)]
    [TestCase("chops:1", DeliveryMode.Chops, 1, 0)]
    [TestCase("whole+delay:5", DeliveryMode.Whole, 0, 5)]
    [TestCase("per-frame+delay:0", DeliveryMode.PerFrame, 0, 0)]
    [TestCase("bytewise+delay:5", DeliveryMode.Bytewise, 1, 5)]
    [TestCase("chops:997+delay:5", DeliveryMode.Chops, 997, 5)]
    public void Plan_text_parses_to_mode_chop_size_and_delay(string text, DeliveryMode mode, int chop, int delay)
    {
        Assert.That(Parsed(text), Is.EqualTo(new DeliveryPlan(mode, chop, delay)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Missing_plan_is_the_whole_plan(string? text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(DeliveryPlan.TryParse(text, out var plan), Is.True);
            Assert.That(plan, Is.EqualTo(DeliveryPlan.Whole));
        });
    }

    [TestCase("chops:0")]
    [TestCase("chops:-3")]
    [TestCase("chops:x")]
    [TestCase("chops:")]
    [TestCase("chops")]
    [TestCase("nonsense")]
    [TestCase("Whole")]
    [TestCase("+delay:5")]
    [TestCase("whole+delay:-1")]
    [TestCase("whole+delay:x")]
    [TestCase("whole+pause:5")]
    [TestCase("bytewise+delay:5+delay:6")]
    public void Malformed_plan_text_is_rejected(string text)
    {
        Assert.That(DeliveryPlan.TryParse(text, out _), Is.False);
    }

    [TestCase("whole")]
    [TestCase("per-frame")]
    [TestCase("bytewise")]
    [TestCase("chops:997")]
    [TestCase("chops:3+delay:5")]
    [TestCase("bytewise+delay:250")]
    public void Plan_text_round_trips_through_ToString(string text)
    {
        var plan = Parsed(text);

        Assert.Multiple(() =>
        {
            Assert.That(plan.ToString(), Is.EqualTo(text));
            Assert.That(Parsed(plan.ToString()), Is.EqualTo(plan));
        });
    }

    [Test]
    public void Zero_delay_is_not_written()
    {
        Assert.That(new DeliveryPlan(DeliveryMode.PerFrame, 0, 0).ToString(), Is.EqualTo("per-frame"));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(DeliveryPlan.MaxBytewiseFrame)]
    public void Bytewise_plan_writes_frames_up_to_256_bytes_one_byte_at_a_time(int length)
    {
        var sizes = Sizes(Parsed("bytewise"), Bytes(length));

        Assert.Multiple(() =>
        {
            Assert.That(sizes, Has.Count.EqualTo(length));
            Assert.That(sizes, Is.All.EqualTo(1));
        });
    }

    [Test]
    public void Bytewise_plan_writes_a_1000_byte_frame_in_997_byte_chops()
    {
        Assert.That(Sizes(Parsed("bytewise"), Bytes(1000)), Is.EqualTo(new[] { DeliveryPlan.LargeFrameChop, 3 }));
    }

    [Test]
    public void Bytewise_plan_switches_to_chops_just_above_256_bytes()
    {
        Assert.That(Sizes(Parsed("bytewise"), Bytes(DeliveryPlan.MaxBytewiseFrame + 1)), Is.EqualTo(new[] { 257 }));
    }

    [TestCase(3, 10, new[] { 3, 3, 3, 1 })]
    [TestCase(5, 10, new[] { 5, 5 })]
    [TestCase(997, 2000, new[] { 997, 997, 6 })]
    [TestCase(100, 10, new[] { 10 })]
    public void Chops_plan_writes_pieces_of_exactly_the_chop_size_then_the_rest(int chop, int length, int[] expected)
    {
        Assert.That(Sizes(new DeliveryPlan(DeliveryMode.Chops, chop), Bytes(length)), Is.EqualTo(expected));
    }

    [TestCase("whole")]
    [TestCase("per-frame")]
    public void Whole_and_per_frame_plans_write_a_frame_in_one_piece(string text)
    {
        Assert.That(Sizes(Parsed(text), Bytes(70_000)), Is.EqualTo(new[] { 70_000 }));
    }

    [TestCase("whole", 300)]
    [TestCase("bytewise", 200)]
    [TestCase("bytewise", 5000)]
    [TestCase("chops:7", 100)]
    [TestCase("chops:7", 0)]
    public void Pieces_concatenate_to_the_frame(string text, int length)
    {
        var frame = Bytes(length);

        var joined = Parsed(text).Split(frame).SelectMany(p => p.ToArray()).ToArray();

        Assert.That(joined, Is.EqualTo(frame));
    }

    [Test]
    public void Chops_plan_with_no_chop_size_still_makes_progress()
    {
        Assert.That(Sizes(new DeliveryPlan(DeliveryMode.Chops, 0), Bytes(3)), Is.EqualTo(new[] { 1, 1, 1 }));
    }
}
