using System.Buffers.Binary;
using Conformance.ReferenceServer.Framing;

namespace Conformance.ReferenceServer.Tests;

/// <summary>The incremental frame rewriter, with input and output split at every possible size.</summary>
public sealed class FrameRewriterTests
{
    private static readonly byte[] Key = [0x0F, 0xF0, 0x55, 0xAA];

    private static readonly byte[] Hello = [0x81, 0x05, .. "hello"u8]; // FIN=1 text; MASK=0 len=5; "hello"

    /// <summary>(input chunk size, output room): byte by byte, lopsided, and all at once.</summary>
    internal static readonly object[] Splits =
    [
        new object[] { 1, 1 },
        new object[] { 1, 100_000 },
        new object[] { 100_000, 1 },
        new object[] { 3, 7 },
        new object[] { 13, 2 },
        new object[] { 100_000, 100_000 },
    ];

    [TestCaseSource(nameof(Splits))]
    public void Passes_frames_of_every_length_form_through_unchanged_when_nothing_is_rewritten(int inputChunk, int outputRoom)
    {
        byte[] input =
        [
            0x82, 0x00, // FIN=1 binary; MASK=0 len=0
            0x81, 0x85, .. Key, .. RawWebSocket.Mask(Key, "hello"), // FIN=1 text; MASK=1 len=5; key; payload
            0x02, 0x7E, 0x01, 0x2C, .. new byte[300], // FIN=0 binary; MASK=0 len=126 + 16-bit 300; payload
            0x80, 0x7F, 0, 0, 0, 0, 0, 1, 0x11, 0x70, .. new byte[70_000], // FIN=1 continuation; len=127 + 64-bit 70000; payload
            0x89, 0xFF, 0, 0, 0, 0, 0, 0, 0, 3, .. Key, 1, 2, 3, // FIN=1 ping; MASK=1 non-minimal 64-bit len=3; key; payload
        ];

        var output = Run(h => h, input, inputChunk, outputRoom);

        Assert.That(output, Is.EqualTo(input));
    }

    [TestCaseSource(nameof(Splits))]
    public void AcceptsUnmaskedFrames_adds_a_zero_key_to_unmasked_frames_only(int inputChunk, int outputRoom)
    {
        byte[] masked = [0x81, 0x82, .. Key, .. RawWebSocket.Mask(Key, "hi")]; // FIN=1 text; MASK=1 len=2; key; "hi"

        var output = Run(Rewrite(Defect.AcceptsUnmaskedFrames, client: true), [.. Hello, .. masked], inputChunk, outputRoom);

        // FIN=1 text; MASK=1 len=5; zero key; "hello" unchanged, then the masked frame untouched
        byte[] expected = [0x81, 0x85, 0, 0, 0, 0, .. "hello"u8, .. masked];
        Assert.That(output, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Splits))]
    public void MasksOwnFrames_masks_every_frame_so_its_payload_unmasks_to_the_original(int inputChunk, int outputRoom)
    {
        byte[] large = [0x82, 0x7E, 0x01, 0x2C, .. Enumerable.Range(0, 300).Select(i => (byte)i)]; // FIN=1 binary; len=126 + 16-bit 300

        var output = Run(Rewrite(Defect.MasksOwnFrames, client: false), [.. Hello, .. large], inputChunk, outputRoom);

        byte[] helloHeader = [0x81, 0x85]; // MASK bit now set, len still 5
        byte[] largeHeader = [0x82, 0xFE, 0x01, 0x2C]; // MASK=1, same 16-bit form

        using (Assert.EnterMultipleScope())
        {
            Assert.That(output[..2], Is.EqualTo(helloHeader));
            Assert.That(RawWebSocket.Mask(output[2..6], output[6..11]), Is.EqualTo("hello"u8.ToArray()));
            Assert.That(output[11..15], Is.EqualTo(largeHeader));
            Assert.That(RawWebSocket.Mask(output[15..19], output[19..]), Is.EqualTo(large[4..]));
        }
    }

    [TestCaseSource(nameof(Splits))]
    public void MasksOwnFrames_replaces_an_existing_key_without_corrupting_the_payload(int inputChunk, int outputRoom)
    {
        byte[] masked = [0x81, 0x8B, .. Key, .. RawWebSocket.Mask(Key, "hello world")]; // FIN=1 text; MASK=1 len=11; key

        var output = Run(Rewrite(Defect.MasksOwnFrames, client: false), masked, inputChunk, outputRoom);

        Assert.That(RawWebSocket.Mask(output[2..6], output[6..]), Is.EqualTo("hello world"u8.ToArray()));
    }

    [TestCaseSource(nameof(Splits))]
    public void IgnoresRsvBits_clears_all_three_rsv_bits(int inputChunk, int outputRoom)
    {
        var output = Run(Rewrite(Defect.IgnoresRsvBits, client: true), [0xF1, 0x01, 0x21], inputChunk, outputRoom); // FIN=1 RSV1-3=1 text; len=1; "!"

        byte[] expected = [0x81, 0x01, 0x21]; // FIN=1 RSV1-3=0 text; len=1; "!"
        Assert.That(output, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Splits))]
    public void AcceptsReservedOpcodes_drops_reserved_frames_with_their_payloads(int inputChunk, int outputRoom)
    {
        byte[] input =
        [
            0x83, 0x7E, 0x00, 0xC8, .. new byte[200], // FIN=1 opcode 3; MASK=0 len=126 + 16-bit 200; payload
            .. Hello,
            0x8B, 0x00, // FIN=1 opcode 0xB (reserved control); len=0
            0x87, 0x81, .. Key, 0x42, // FIN=1 opcode 7; MASK=1 len=1; key; payload
            0x89, 0x00, // FIN=1 ping; len=0
        ];

        var output = Run(Rewrite(Defect.AcceptsReservedOpcodes, client: true), input, inputChunk, outputRoom);

        byte[] expected = [.. Hello, 0x89, 0x00];
        Assert.That(output, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Splits))]
    public void NonMinimalLengths_writes_every_length_in_the_64_bit_form(int inputChunk, int outputRoom)
    {
        var output = Run(Rewrite(Defect.NonMinimalLengths, client: false), [.. Hello, 0x8A, 0x00], inputChunk, outputRoom);

        // FIN=1 text; len=127 + 64-bit 5; "hello"; then FIN=1 pong; len=127 + 64-bit 0
        byte[] expected = [0x81, 0x7F, 0, 0, 0, 0, 0, 0, 0, 5, .. "hello"u8, 0x8A, 0x7F, 0, 0, 0, 0, 0, 0, 0, 0];
        Assert.That(output, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Splits))]
    public void IgnoresLengthMsb_reads_the_length_without_its_top_bit_and_finds_the_next_frame_there(int inputChunk, int outputRoom)
    {
        byte[] input =
        [
            0x81, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0x05, .. Key, .. RawWebSocket.Mask(Key, "hello"), // FIN=1 text; MASK=1; 64-bit 0x8000000000000005
            0x89, 0xFF, 0x80, 0, 0, 0, 0, 0, 0, 0, .. Key, // FIN=1 ping; MASK=1; 64-bit 0x8000000000000000; key
        ];

        var output = Run(Rewrite(Defect.IgnoresLengthMsb, client: true), input, inputChunk, outputRoom);

        // Both top bits cleared: the second header is only rewritten if it was found after 5 payload bytes.
        byte[] expected =
        [
            0x81, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x05, .. input[10..19],
            0x89, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, .. Key,
        ];
        Assert.That(output, Is.EqualTo(expected));
    }

    [Test]
    public void Streams_a_large_payload_in_pieces_no_larger_than_the_output_room()
    {
        var rewriter = new FrameRewriter(h => h);
        byte[] header = [0x82, 0x7F, 0, 0, 0, 0, 0, 0x10, 0, 0]; // FIN=1 binary; 64-bit len=1 MiB
        var payload = new byte[1 << 20];

        rewriter.Convert([.. header, .. payload], new byte[4096], out var consumed, out var written);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(written, Is.EqualTo(4096));
            Assert.That(consumed, Is.EqualTo(4096)); // the 10 header bytes plus 4086 payload bytes, nothing held back
        }
    }

    [Test]
    public void Decodes_and_reencodes_a_masked_16_bit_header()
    {
        byte[] header = [0x82, 0xFE, 0x01, 0x00, .. Key]; // FIN=1 binary; MASK=1 len=126 + 16-bit 256; key

        var decoded = FrameHeader.Decode(header);
        var reencoded = new byte[FrameHeader.MaxSize];
        var size = decoded.Encode(reencoded);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decoded, Is.EqualTo(new FrameHeader(true, 0, 2, true, BinaryPrimitives.ReadUInt32BigEndian(Key), 256, LengthForm.Extended16)));
            Assert.That(reencoded[..size], Is.EqualTo(header));
        }
    }

    internal static FrameEditor Rewrite(Defect defect, bool client)
    {
        var rewrites = StreamDefect.For(defect) ?? throw new ArgumentException($"{defect} is not a stream defect", nameof(defect));
        return (client ? rewrites.ClientFrames : rewrites.ServerFrames)
            ?? throw new ArgumentException($"{defect} does not rewrite {(client ? "client" : "server")} frames", nameof(client));
    }

    private static byte[] Run(FrameRewrite rewrite, byte[] input, int inputChunk, int outputRoom) =>
        Run(new FrameRewriter(rewrite), input, inputChunk, outputRoom);

    internal static byte[] Run(FrameEditor editor, byte[] input, int inputChunk, int outputRoom) =>
        Run(new FrameRewriter(editor), input, inputChunk, outputRoom);

    /// <summary>Feeds <paramref name="input"/> in chunks, draining into buffers of <paramref name="outputRoom"/> bytes.</summary>
    private static byte[] Run(FrameRewriter rewriter, byte[] input, int inputChunk, int outputRoom)
    {
        var output = new List<byte>();
        var room = new byte[outputRoom];
        for (var offset = 0; offset < input.Length; offset += inputChunk)
        {
            var chunk = input.AsSpan(offset, Math.Min(inputChunk, input.Length - offset));
            int written;
            do
            {
                rewriter.Convert(chunk, room, out var consumed, out written);
                chunk = chunk[consumed..];
                output.AddRange(room.AsSpan(0, written));
            }
            while (!chunk.IsEmpty || written > 0);
        }

        return [.. output];
    }
}
