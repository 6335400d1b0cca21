using Conformance.ReferenceServer.Framing;

namespace Conformance.ReferenceServer.Tests;

/// <summary>
/// The frame watches of the allowed variants, run through the incremental rewriter with input and output split at
/// every size: what they learn, and the Closes they edit.
/// </summary>
public sealed class VariantFramesTests
{
    private static readonly byte[] Key = [0x21, 0x43, 0x65, 0x87];

    /// <summary>What the server sends when it fails the connection and then, on another connection, answers a Close.</summary>
    private static readonly byte[] ServerCloses =
    [
        0x81, 0x02, 0x68, 0x69, // FIN=1 text; len=2; "hi"
        0x88, 0x02, 0x03, 0xEA, // FIN=1 close; len=2; 1002
    ];

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void Dropping_failures_drops_an_unannounced_close_and_keeps_an_announced_one(int inputChunk, int outputRoom)
    {
        var failing = VariantFrames.For(Variant.FailsByDropping)!;
        var answering = VariantFrames.For(Variant.FailsByDropping)!;
        answering.Closes!.AnnounceAnswer();

        var failed = FrameRewriterTests.Run(failing.Edits.ServerFrames!, ServerCloses, inputChunk, outputRoom);
        var answered = FrameRewriterTests.Run(answering.Edits.ServerFrames!, ServerCloses, inputChunk, outputRoom);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failed, Is.EqualTo(ServerCloses[..4]), "the data frame goes out, the failure Close does not");
            Assert.That(answered, Is.EqualTo(ServerCloses));
        }
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void An_empty_close_answer_loses_its_code_and_nothing_else(int inputChunk, int outputRoom)
    {
        var answering = VariantFrames.For(Variant.CloseReplyEmpty)!;
        var failing = VariantFrames.For(Variant.CloseReplyEmpty)!;
        answering.Closes!.AnnounceAnswer();

        var answered = FrameRewriterTests.Run(answering.Edits.ServerFrames!, ServerCloses, inputChunk, outputRoom);
        var failed = FrameRewriterTests.Run(failing.Edits.ServerFrames!, ServerCloses, inputChunk, outputRoom);

        byte[] expected = [.. ServerCloses[..4], 0x88, 0x00]; // FIN=1 close; len=0
        using (Assert.EnterMultipleScope())
        {
            Assert.That(answered, Is.EqualTo(expected));
            Assert.That(failed, Is.EqualTo(ServerCloses), "a Close the endpoint did not announce keeps its code");
        }
    }

    [TestCaseSource(typeof(FrameRewriterTests), nameof(FrameRewriterTests.Splits))]
    public void The_frame_watches_learn_sizes_and_boundaries_and_pass_every_byte_through(int inputChunk, int outputRoom)
    {
        var oversize = VariantFrames.For(Variant.FrameLimit16KiB)!;
        var boundaries = VariantFrames.For(Variant.RelaysFragments)!;
        byte[] input =
        [
            0x01, 0x83, .. Key, .. RawWebSocket.Mask(Key, "abc"), // FIN=0 text; MASK=1 len=3; key; "abc"
            0x89, 0x80, .. Key, // FIN=1 ping; MASK=1 len=0; key: not data
            0x00, 0x80, .. Key, // FIN=0 continuation; MASK=1 len=0; key
            0x80, 0xFE, 0x40, 0x01, .. Key, .. RawWebSocket.Mask(Key, Clients.Pattern(16385)), // FIN=1 continuation; MASK=1 len=16385 (16-bit); key; payload
        ];

        var throughOversize = FrameRewriterTests.Run(oversize.Edits.ClientFrames!, input, inputChunk, outputRoom);
        var throughBoundaries = FrameRewriterTests.Run(boundaries.Edits.ClientFrames!, input, inputChunk, outputRoom);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(throughOversize, Is.EqualTo(input));
            Assert.That(throughBoundaries, Is.EqualTo(input));
            Assert.That(oversize.OversizeFrames!.OversizeAt, Is.EqualTo(3), "the large frame starts after the 3 bytes of \"abc\"");
            Assert.That(boundaries.Boundaries!.Next(3), Is.EqualTo(3));
            Assert.That(boundaries.Boundaries.Next(16384), Is.EqualTo(16385), "a non-empty result skips the empty frame");
        }
    }
}
