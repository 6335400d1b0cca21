using System.Text;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Execution;

/// <summary>What an echoing peer owes for the frames sent: the valid data, in order, up to the offending frame or byte.</summary>
[TestFixture]
public sealed class EchoLedgerTests
{
    private static FrameSpec Frame(Opcode opcode, bool fin = true) => new() { Opcode = opcode, Fin = fin };

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Test]
    public void A_fragment_relayed_before_the_offending_frame_is_owed_and_the_offending_one_is_not()
    {
        var ledger = new EchoLedger(EndpointRole.Client);
        ledger.Sent(Frame(Opcode.Text, fin: false), Bytes("fragment1"));
        ledger.Sent(Frame(Opcode.Text), Bytes("fragment2"));

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Received(Bytes("fragment1")), Is.True, "the first fragment was valid when it was sent");
            Assert.That(ledger.Received(Bytes("fragment2")), Is.False, "a new text frame inside a fragmented message breaks §5.4");
        });
    }

    [Test]
    public void An_echo_in_frames_of_its_own_size_is_matched_as_a_byte_stream()
    {
        var ledger = new EchoLedger(EndpointRole.Client);
        ledger.Sent(Frame(Opcode.Binary), [1, 2, 3, 4, 5, 6]);
        ledger.Sent(Frame(Opcode.Binary), [7, 8]);

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Received([1, 2, 3, 4]), Is.True);
            Assert.That(ledger.Received([5, 6, 7]), Is.True);
            Assert.That(ledger.Received([8]), Is.True);
            Assert.That(ledger.Received([9]), Is.False, "nothing more was sent");
        });
    }

    [Test]
    public void Text_is_owed_up_to_its_first_invalid_byte()
    {
        var ledger = new EchoLedger(EndpointRole.Client);
        ledger.Sent(Frame(Opcode.Text, fin: false), Bytes("ab"));
        ledger.Sent(Frame(Opcode.Continuation), [(byte)'c', 0xC0, 0x80, (byte)'d']);

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Received(Bytes("abc")), Is.True, "the valid bytes before the overlong sequence");
            Assert.That(ledger.Received([0xC0]), Is.False, "relaying invalid UTF-8 itself is carrying on");
        });
    }

    [Test]
    public void A_code_point_split_over_fragments_is_owed_whole()
    {
        var euro = Bytes("€");
        var ledger = new EchoLedger(EndpointRole.Client);
        ledger.Sent(Frame(Opcode.Text, fin: false), euro[..1]);
        ledger.Sent(Frame(Opcode.Continuation), euro[1..]);

        Assert.That(ledger.Received(euro), Is.True);
    }

    [Test]
    public void A_text_message_ending_inside_a_code_point_owes_only_what_comes_before_it()
    {
        var ledger = new EchoLedger(EndpointRole.Client);
        ledger.Sent(Frame(Opcode.Text), [(byte)'a', 0xE2, 0x82]);

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Received(Bytes("a")), Is.True);
            Assert.That(ledger.Received([0xE2]), Is.False);
        });
    }

    [TestCase(4, Opcode.Binary, MaskMode.Random, true, TestName = "RSV1 set")]
    [TestCase(0, (Opcode)0x3, MaskMode.Random, true, TestName = "a reserved opcode")]
    [TestCase(0, Opcode.Binary, MaskMode.None, true, TestName = "an unmasked client frame")]
    [TestCase(0, Opcode.Continuation, MaskMode.Random, true, TestName = "a continuation with no message open")]
    [TestCase(0, Opcode.Ping, MaskMode.Random, false, TestName = "a fragmented Ping")]
    public void Nothing_from_an_invalid_frame_on_is_owed(byte rsv, Opcode opcode, MaskMode mask, bool fin)
    {
        var ledger = new EchoLedger(EndpointRole.Client);
        ledger.Sent(new FrameSpec { Opcode = opcode, Rsv = rsv, Mask = mask, Fin = fin }, [1]);
        ledger.Sent(Frame(Opcode.Binary), [2]);

        Assert.That(ledger.Received([opcode == Opcode.Ping ? (byte)2 : (byte)1]), Is.False);
    }

    [Test]
    public void Nothing_sent_after_a_Close_or_a_stop_is_owed()
    {
        var closed = new EchoLedger(EndpointRole.Client);
        closed.Sent(Frame(Opcode.Close), [0x03, 0xE8]);
        closed.Sent(Frame(Opcode.Binary), [1]);
        var stopped = new EchoLedger(EndpointRole.Client);
        stopped.Stop();
        stopped.Sent(Frame(Opcode.Binary), [1]);

        Assert.Multiple(() =>
        {
            Assert.That(closed.Received([1]), Is.False);
            Assert.That(stopped.Received([1]), Is.False);
        });
    }

    [Test]
    public void A_server_frame_is_owed_unmasked()
    {
        var ledger = new EchoLedger(EndpointRole.Server);
        ledger.Sent(new FrameSpec { Opcode = Opcode.Text, Mask = MaskMode.None }, Bytes("hi"));

        Assert.That(ledger.Received(Bytes("hi")), Is.True);
    }
}
