using Conformance.ReferenceServer.Framing;

namespace Conformance.ReferenceServer.Tests;

/// <summary>
/// The frame editors of the message, control-frame and closing defects, run through the incremental
/// rewriter with input and output split at every size (payload edits must not depend on where a read ends).
/// </summary>
public sealed class FrameEditorTests
{
    private static readonly byte[] Key = [0x0F, 0xF0, 0x55, 0xAA];

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void NoUtf8Validation_passes_text_on_as_binary_and_turns_the_echo_back_into_text(int inputChunk, int outputRoom)
    {
        var defect = StreamDefect.For(Defect.NoUtf8Validation)!;
        byte[] fromClient =
        [
            0x01, 0x01, 0x61, // FIN=0 text; len=1; "a"
            0x80, 0x01, 0xFF, // FIN=1 continuation; len=1; 0xFF
            0x82, 0x01, 0x62, // FIN=1 binary; len=1; "b"
        ];
        byte[] fromServer =
        [
            0x82, 0x02, 0x61, 0xFF, // FIN=1 binary; len=2; the echo of the text message
            0x8A, 0x00, // FIN=1 pong; len=0 (control frames are no message)
            0x82, 0x01, 0x62, // FIN=1 binary; len=1; the echo of the binary message
        ];

        var toServer = FrameRewriterTests.Run(defect.ClientFrames!, fromClient, inputChunk, outputRoom);
        var toClient = FrameRewriterTests.Run(defect.ServerFrames!, fromServer, inputChunk, outputRoom);

        byte[] expectedToServer = [0x02, 0x01, 0x61, 0x80, 0x01, 0xFF, 0x82, 0x01, 0x62]; // text opcode 1 became binary 2
        byte[] expectedToClient = [0x81, 0x02, 0x61, 0xFF, 0x8A, 0x00, 0x82, 0x01, 0x62]; // the first echo is text again
        using (Assert.EnterMultipleScope())
        {
            Assert.That(toServer, Is.EqualTo(expectedToServer));
            Assert.That(toClient, Is.EqualTo(expectedToClient));
        }
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void Utf8CheckedPerFrameOnly_puts_an_invalid_byte_where_a_frame_alone_is_not_valid_utf8(int inputChunk, int outputRoom)
    {
        byte[] input =
        [
            0x02, 0x01, 0xE2, // FIN=0 binary; len=1; not text, so not checked
            0x80, 0x02, 0x82, 0xAC, // FIN=1 continuation of the binary message
            0x81, 0x83, .. Key, .. RawWebSocket.Mask(Key, "€"), // FIN=1 text; MASK=1 len=3; key; a whole character
            0x01, 0x84, .. Key, .. RawWebSocket.Mask(Key, [0x61, 0x62, 0x63, 0xE2]), // FIN=0 text; MASK=1 len=4; "abc" + half of '€'
            0x80, 0x82, .. Key, .. RawWebSocket.Mask(Key, [0x82, 0xAC]), // FIN=1 continuation; MASK=1 len=2; its other half
        ];

        var output = FrameRewriterTests.Run(StreamDefect.For(Defect.Utf8CheckedPerFrameOnly)!.ClientFrames!, input, inputChunk, outputRoom);

        byte[] expected =
        [
            .. input[..16],
            0x01, 0x84, .. Key, .. RawWebSocket.Mask(Key, [0x61, 0x62, 0x63, 0xFF]), // the frame's unfinished character became 0xFF
            0x80, 0x82, .. Key, .. RawWebSocket.Mask(Key, [0xFF, 0xAC]), // so did the next frame's stray continuation byte
        ];
        Assert.That(output, Is.EqualTo(expected));
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void Utf8CheckedPerFrameOnly_also_flags_a_frame_that_starts_inside_a_character(int inputChunk, int outputRoom)
    {
        byte[] input = [0x01, 0x00, 0x80, 0x02, 0x82, 0xAC]; // FIN=0 text; len=0; then FIN=1 continuation; len=2; 82 AC (a character's tail)

        var output = FrameRewriterTests.Run(StreamDefect.For(Defect.Utf8CheckedPerFrameOnly)!.ClientFrames!, input, inputChunk, outputRoom);

        byte[] expected = [0x01, 0x00, 0x80, 0x02, 0xFF, 0xAC]; // the stray continuation byte became 0xFF
        Assert.That(output, Is.EqualTo(expected));
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void AcceptsFragmentedPings_sets_fin_on_pings_and_pongs_only(int inputChunk, int outputRoom)
    {
        byte[] input =
        [
            0x09, 0x00, // FIN=0 ping; len=0
            0x0A, 0x01, 0x70, // FIN=0 pong; len=1; "p"
            0x01, 0x01, 0x61, // FIN=0 text; len=1; "a" (data may be fragmented: untouched)
            0x08, 0x00, // FIN=0 close; len=0 (untouched: left to the WebSocket)
        ];

        var output = FrameRewriterTests.Run(FrameRewriterTests.Rewrite(Defect.AcceptsFragmentedPings, client: true), input, inputChunk, outputRoom);

        byte[] expected = [0x89, 0x00, 0x8A, 0x01, 0x70, 0x01, 0x01, 0x61, 0x08, 0x00];
        Assert.That(output, Is.EqualTo(expected));
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void IgnoresPings_drops_pings_with_their_payloads(int inputChunk, int outputRoom)
    {
        byte[] input =
        [
            0x89, 0x82, .. Key, 0x01, 0x02, // FIN=1 ping; MASK=1 len=2; key; payload
            0x8A, 0x00, // FIN=1 pong; len=0
            0x89, 0x80, .. Key, // FIN=1 ping; MASK=1 len=0; key
        ];

        var output = FrameRewriterTests.Run(FrameRewriterTests.Rewrite(Defect.IgnoresPings, client: true), input, inputChunk, outputRoom);

        byte[] expected = [0x8A, 0x00];
        Assert.That(output, Is.EqualTo(expected));
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void WrongPongPayload_flips_a_pongs_first_byte_and_fills_an_empty_pong(int inputChunk, int outputRoom)
    {
        byte[] input =
        [
            0x8A, 0x02, 0x70, 0x70, // FIN=1 pong; len=2; "pp"
            0x8A, 0x00, // FIN=1 pong; len=0
            0x81, 0x02, 0x70, 0x70, // FIN=1 text; len=2; "pp" (not a pong: untouched)
        ];

        var output = FrameRewriterTests.Run(StreamDefect.For(Defect.WrongPongPayload)!.ServerFrames!, input, inputChunk, outputRoom);

        byte[] expected =
        [
            0x8A, 0x02, 0x8F, 0x70, // 'p' with every bit flipped, then 'p'
            0x8A, 0x01, 0x78, // len=1; "x"
            0x81, 0x02, 0x70, 0x70,
        ];
        Assert.That(output, Is.EqualTo(expected));
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void AcceptsContinuationWithoutStart_drops_only_continuations_outside_a_message(int inputChunk, int outputRoom)
    {
        byte[] fragmented = [0x01, 0x01, 0x61, 0x89, 0x00, 0x80, 0x01, 0x62]; // FIN=0 text "a"; FIN=1 ping; FIN=1 continuation "b"
        byte[] input =
        [
            0x80, 0x01, 0x78, // FIN=1 continuation with no message started; len=1; "x"
            .. fragmented,
            0x00, 0x01, 0x79, // FIN=0 continuation after the message ended; len=1; "y"
        ];

        var output = FrameRewriterTests.Run(FrameRewriterTests.Rewrite(Defect.AcceptsContinuationWithoutStart, client: true), input, inputChunk, outputRoom);

        Assert.That(output, Is.EqualTo(fragmented));
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void AcceptsInterleavedDataFrames_drops_only_message_starts_inside_a_message(int inputChunk, int outputRoom)
    {
        byte[] input =
        [
            0x01, 0x01, 0x61, // FIN=0 text; len=1; "a"
            0x82, 0x01, 0x7A, // FIN=1 binary inside the text message; len=1; "z"
            0x89, 0x00, // FIN=1 ping (control frames may interleave)
            0x80, 0x01, 0x62, // FIN=1 continuation; len=1; "b"
            0x81, 0x01, 0x63, // FIN=1 text after the message ended; len=1; "c"
        ];

        var output = FrameRewriterTests.Run(FrameRewriterTests.Rewrite(Defect.AcceptsInterleavedDataFrames, client: true), input, inputChunk, outputRoom);

        byte[] expected = [.. input[..3], .. input[6..]];
        Assert.That(output, Is.EqualTo(expected));
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void AcceptsInvalidCloseCodes_shows_the_WebSocket_1000_and_puts_the_clients_code_back_into_the_echo(int inputChunk, int outputRoom)
    {
        var defect = StreamDefect.For(Defect.AcceptsInvalidCloseCodes)!;
        byte[] clientClose = [0x88, 0x85, .. Key, .. RawWebSocket.Mask(Key, [0x03, 0xED, .. "bye"u8])]; // FIN=1 close; MASK=1 len=5; code 1005, "bye"
        byte[] serverClose = [0x88, 0x05, 0x03, 0xE8, .. "bye"u8]; // FIN=1 close; len=5; the WebSocket's echo: 1000, "bye"

        var toServer = FrameRewriterTests.Run(defect.ClientFrames!, clientClose, inputChunk, outputRoom);
        var toClient = FrameRewriterTests.Run(defect.ServerFrames!, serverClose, inputChunk, outputRoom);

        byte[] expectedToServer = [0x88, 0x85, .. Key, .. RawWebSocket.Mask(Key, [0x03, 0xE8, .. "bye"u8])]; // code 1000, same key and reason
        byte[] expectedToClient = [0x88, 0x05, 0x03, 0xED, .. "bye"u8]; // code 1005 again
        using (Assert.EnterMultipleScope())
        {
            Assert.That(toServer, Is.EqualTo(expectedToServer));
            Assert.That(toClient, Is.EqualTo(expectedToClient));
        }
    }

    [Test]
    public void AcceptsInvalidCloseCodes_leaves_the_servers_own_close_alone()
    {
        byte[] serverClose = [0x88, 0x02, 0x03, 0xF1]; // FIN=1 close; len=2; 1009, sent before any Close from the client

        var output = FrameRewriterTests.Run(StreamDefect.For(Defect.AcceptsInvalidCloseCodes)!.ServerFrames!, serverClose, 100, 100);

        Assert.That(output, Is.EqualTo(serverClose));
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void NoCloseReply_drops_the_close_and_everything_after_it(int inputChunk, int outputRoom)
    {
        byte[] text = [0x81, 0x01, 0x61]; // FIN=1 text; len=1; "a"
        byte[] input =
        [
            .. text,
            0x88, 0x82, .. Key, .. RawWebSocket.Mask(Key, [0x03, 0xE8]), // FIN=1 close; MASK=1 len=2; key; 1000
            0x89, 0x80, .. Key, // FIN=1 ping; MASK=1 len=0; key
            .. text,
        ];

        var output = FrameRewriterTests.Run(FrameRewriterTests.Rewrite(Defect.NoCloseReply, client: true), input, inputChunk, outputRoom);

        Assert.That(output, Is.EqualTo(text));
    }

    [TestCase(new byte[] { 0xE2, 0x82, 0xAC }, "valid", TestName = "{m}(€)")]
    [TestCase(new byte[] { 0xF0, 0x9F, 0x98, 0x80 }, "valid", TestName = "{m}(U+1F600)")]
    [TestCase(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, "valid", TestName = "{m}(U+10FFFF)")]
    [TestCase(new byte[] { 0xE2, 0x82 }, "unfinished", TestName = "{m}(two of three bytes)")]
    [TestCase(new byte[] { 0x82 }, "invalid", TestName = "{m}(lone continuation byte)")]
    [TestCase(new byte[] { 0xC0, 0xAF }, "invalid", TestName = "{m}(overlong slash)")]
    [TestCase(new byte[] { 0xE0, 0x80 }, "invalid", TestName = "{m}(overlong three-byte start)")]
    [TestCase(new byte[] { 0xED, 0xA0 }, "invalid", TestName = "{m}(surrogate start)")]
    [TestCase(new byte[] { 0xF4, 0x90 }, "invalid", TestName = "{m}(above U+10FFFF)")]
    [TestCase(new byte[] { 0xE2, 0x41 }, "invalid", TestName = "{m}(sequence cut by ASCII)")]
    [TestCase(new byte[] { 0xFF }, "invalid", TestName = "{m}(0xFF)")]
    public void Utf8_validator_judges_byte_by_byte(byte[] bytes, string expected)
    {
        var validator = new Utf8Validator();

        var allAccepted = bytes.All(validator.Accept);

        Assert.That(!allAccepted ? "invalid" : validator.InsideSequence ? "unfinished" : "valid", Is.EqualTo(expected));
    }
}
