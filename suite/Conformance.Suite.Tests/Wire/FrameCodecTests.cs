using System.Buffers;
using System.Text;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Wire;

/// <summary>
/// The frame codec against the golden vectors of RFC 6455 §5.7 and the frames the RFC forbids that the suite must
/// still be able to write on purpose.
/// </summary>
[TestFixture]
public sealed class FrameCodecTests
{
    // §5.7: "A single-frame masked text message ... 0x81 0x85 0x37 0xfa 0x21 0x3d".
    private const uint RfcMaskKey = 0x37fa213d;

    private static readonly byte[] Hello = "Hello"u8.ToArray();

    // §5.7 "A single-frame unmasked text message": 0x81 0x05 0x48 0x65 0x6c 0x6c 0x6f (contains "Hello")
    private static readonly byte[] UnmaskedHello =
    [
        0x81,                         // FIN=1, RSV=000, opcode=0x1 (text)
        0x05,                         // MASK=0, payload length 5
        0x48, 0x65, 0x6c, 0x6c, 0x6f, // "Hello"
    ];

    // §5.7 "A single-frame masked text message": 0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58
    private static readonly byte[] MaskedHello =
    [
        0x81,                         // FIN=1, RSV=000, opcode=0x1 (text)
        0x85,                         // MASK=1, payload length 5
        0x37, 0xfa, 0x21, 0x3d,       // masking key
        0x7f, 0x9f, 0x4d, 0x51, 0x58, // "Hello" XOR key: 48^37 65^fa 6c^21 6c^3d 6f^37
    ];

    // §5.7 "A fragmented unmasked text message": 0x01 0x03 0x48 0x65 0x6c (contains "Hel")
    private static readonly byte[] FirstFragmentHel =
    [
        0x01,             // FIN=0, RSV=000, opcode=0x1 (text)
        0x03,             // MASK=0, payload length 3
        0x48, 0x65, 0x6c, // "Hel"
    ];

    // §5.7: 0x80 0x02 0x6c 0x6f (contains "lo")
    private static readonly byte[] LastFragmentLo =
    [
        0x80,       // FIN=1, RSV=000, opcode=0x0 (continuation)
        0x02,       // MASK=0, payload length 2
        0x6c, 0x6f, // "lo"
    ];

    // §5.7 "Unmasked Ping request": 0x89 0x05 0x48 0x65 0x6c 0x6c 0x6f
    private static readonly byte[] UnmaskedPing =
    [
        0x89,                         // FIN=1, RSV=000, opcode=0x9 (ping)
        0x05,                         // MASK=0, payload length 5
        0x48, 0x65, 0x6c, 0x6c, 0x6f, // "Hello"
    ];

    // §5.7 "masked Ping response": 0x8a 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58
    private static readonly byte[] MaskedPong =
    [
        0x8a,                         // FIN=1, RSV=000, opcode=0xA (pong)
        0x85,                         // MASK=1, payload length 5
        0x37, 0xfa, 0x21, 0x3d,       // masking key
        0x7f, 0x9f, 0x4d, 0x51, 0x58, // "Hello" masked
    ];

    // §5.7 "256 bytes binary message in a single unmasked frame": 0x82 0x7E 0x0100 [256 bytes of binary data]
    private static readonly byte[] Binary256Header =
    [
        0x82,       // FIN=1, RSV=000, opcode=0x2 (binary)
        0x7E,       // MASK=0, length field 126: a 16-bit length follows
        0x01, 0x00, // 16-bit length 0x0100 = 256
    ];

    // §5.7 "64KiB binary message in a single unmasked frame": 0x82 0x7F 0x0000000000010000 [65536 bytes of binary data]
    private static readonly byte[] Binary64KiBHeader =
    [
        0x82,                                           // FIN=1, RSV=000, opcode=0x2 (binary)
        0x7F,                                           // MASK=0, length field 127: a 64-bit length follows
        0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, // 64-bit length 0x10000 = 65536
    ];

    private static FrameHeader Header(Opcode opcode, ulong length, bool fin = true, bool masked = false, uint key = 0, byte rsv = 0, LengthForm? form = null) =>
        new(fin, rsv, opcode, masked, length, key, form);

    private static FrameHeader Parse(ReadOnlySpan<byte> bytes, out int headerSize)
    {
        var status = FrameCodec.TryReadHeader(bytes, out var header, out headerSize);
        Assert.That(status, Is.EqualTo(OperationStatus.Done));
        return header;
    }

    private static byte[] Unmasked(ReadOnlySpan<byte> frame, in FrameHeader header, int headerSize)
    {
        var payload = frame[headerSize..].ToArray();
        if (header.Masked)
        {
            FrameCodec.ApplyMask(payload, header.MaskKey, 0);
        }

        return payload;
    }

    [Test]
    public void Single_unmasked_text_frame_encodes_as_the_rfc_example()
    {
        var frame = FrameCodec.Encode(Header(Opcode.Text, 5), Hello);

        Assert.That(frame, Is.EqualTo(UnmaskedHello));
    }

    [Test]
    public void Single_masked_text_frame_encodes_as_the_rfc_example()
    {
        var frame = FrameCodec.Encode(Header(Opcode.Text, 5, masked: true, key: RfcMaskKey), Hello);

        Assert.That(frame, Is.EqualTo(MaskedHello));
    }

    [Test]
    public void Fragmented_unmasked_text_message_encodes_as_the_rfc_example()
    {
        var first = FrameCodec.Encode(Header(Opcode.Text, 3, fin: false), "Hel"u8);
        var last = FrameCodec.Encode(Header(Opcode.Continuation, 2), "lo"u8);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(FirstFragmentHel));
            Assert.That(last, Is.EqualTo(LastFragmentLo));
        });
    }

    [Test]
    public void Unmasked_ping_encodes_as_the_rfc_example()
    {
        var frame = FrameCodec.Encode(Header(Opcode.Ping, 5), Hello);

        Assert.That(frame, Is.EqualTo(UnmaskedPing));
    }

    [Test]
    public void Masked_pong_encodes_as_the_rfc_example()
    {
        var frame = FrameCodec.Encode(Header(Opcode.Pong, 5, masked: true, key: RfcMaskKey), Hello);

        Assert.That(frame, Is.EqualTo(MaskedPong));
    }

    [Test]
    public void Binary_frame_of_256_bytes_uses_the_16_bit_length_of_the_rfc_example()
    {
        var payload = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        var frame = FrameCodec.Encode(Header(Opcode.Binary, 256), payload);

        Assert.Multiple(() =>
        {
            Assert.That(frame[..4], Is.EqualTo(Binary256Header));
            Assert.That(frame[4..], Is.EqualTo(payload));
        });
    }

    [Test]
    public void Binary_frame_of_64_KiB_uses_the_64_bit_length_of_the_rfc_example()
    {
        var payload = new byte[64 * 1024];
        payload.AsSpan().Fill(0x5a);

        var frame = FrameCodec.Encode(Header(Opcode.Binary, (ulong)payload.Length), payload);

        Assert.Multiple(() =>
        {
            Assert.That(frame[..10], Is.EqualTo(Binary64KiBHeader));
            Assert.That(frame, Has.Length.EqualTo(10 + payload.Length));
            Assert.That(frame[10..], Is.EqualTo(payload));
        });
    }

    [Test]
    public void Masked_rfc_example_parses_to_its_fields_and_unmasks_to_Hello()
    {
        var header = Parse(MaskedHello, out var size);

        Assert.Multiple(() =>
        {
            Assert.That(size, Is.EqualTo(6));
            Assert.That(header.Fin, Is.True);
            Assert.That(header.Rsv, Is.Zero);
            Assert.That(header.Opcode, Is.EqualTo(Opcode.Text));
            Assert.That(header.Masked, Is.True);
            Assert.That(header.MaskKey, Is.EqualTo(RfcMaskKey));
            Assert.That(header.DeclaredLength, Is.EqualTo(5UL));
            Assert.That(header.Form, Is.EqualTo(LengthForm.Bits7));
            Assert.That(header.IsMinimalLength, Is.True);
            Assert.That(Unmasked(MaskedHello, header, size), Is.EqualTo(Hello));
        });
    }

    [Test]
    public void Fragmented_rfc_example_parses_first_fragment_without_fin_and_last_as_continuation()
    {
        var first = Parse(FirstFragmentHel, out var firstSize);
        var last = Parse(LastFragmentLo, out var lastSize);

        Assert.Multiple(() =>
        {
            Assert.That(first.Fin, Is.False);
            Assert.That(first.Opcode, Is.EqualTo(Opcode.Text));
            Assert.That(first.Masked, Is.False);
            Assert.That(Unmasked(FirstFragmentHel, first, firstSize), Is.EqualTo("Hel"u8.ToArray()));
            Assert.That(last.Fin, Is.True);
            Assert.That(last.Opcode, Is.EqualTo(Opcode.Continuation));
            Assert.That(Unmasked(LastFragmentLo, last, lastSize), Is.EqualTo("lo"u8.ToArray()));
        });
    }

    [Test]
    public void Extended_length_rfc_headers_parse_to_256_and_65536()
    {
        var h256 = Parse(Binary256Header, out var size256);
        var h64k = Parse(Binary64KiBHeader, out var size64k);

        Assert.Multiple(() =>
        {
            Assert.That(size256, Is.EqualTo(4));
            Assert.That(h256.DeclaredLength, Is.EqualTo(256UL));
            Assert.That(h256.EffectiveForm, Is.EqualTo(LengthForm.Bits16));
            Assert.That(h256.IsMinimalLength, Is.True);
            Assert.That(size64k, Is.EqualTo(10));
            Assert.That(h64k.DeclaredLength, Is.EqualTo(65536UL));
            Assert.That(h64k.EffectiveForm, Is.EqualTo(LengthForm.Bits64));
            Assert.That(h64k.IsMinimalLength, Is.True);
            Assert.That(h64k.HasLengthMsbSet, Is.False);
        });
    }

    private static IEnumerable<TestCaseData> RoundTripHeaders()
    {
        yield return new TestCaseData(Header(Opcode.Text, 0)).SetArgDisplayNames("empty text");
        yield return new TestCaseData(Header(Opcode.Binary, 125, masked: true, key: 0xdeadbeef)).SetArgDisplayNames("125 masked");
        yield return new TestCaseData(Header(Opcode.Binary, 126, masked: true, key: 1)).SetArgDisplayNames("126 masked");
        yield return new TestCaseData(Header(Opcode.Binary, 0xFFFF)).SetArgDisplayNames("65535");
        yield return new TestCaseData(Header(Opcode.Binary, 0x10000, masked: true, key: 0x01020304)).SetArgDisplayNames("65536 masked");
        yield return new TestCaseData(Header(Opcode.Close, 2, rsv: FrameHeader.Rsv1 | FrameHeader.Rsv3, fin: false)).SetArgDisplayNames("close rsv1+3 no fin");
        yield return new TestCaseData(Header((Opcode)0xB, 7, masked: true, key: 0xffffffff)).SetArgDisplayNames("reserved 0xB");
    }

    [TestCaseSource(nameof(RoundTripHeaders))]
    public void Encoded_frame_parses_back_to_the_same_header_and_payload(FrameHeader header)
    {
        var payload = Enumerable.Range(0, (int)header.DeclaredLength).Select(i => (byte)(i * 7)).ToArray();

        var frame = FrameCodec.Encode(header, payload);
        var parsed = Parse(frame, out var size);

        Assert.Multiple(() =>
        {
            Assert.That(size, Is.EqualTo(header.Size));
            Assert.That(frame, Has.Length.EqualTo(header.Size + payload.Length));
            Assert.That(parsed with { Form = null }, Is.EqualTo(header));
            Assert.That(parsed.EffectiveForm, Is.EqualTo(header.EffectiveForm));
            Assert.That(Unmasked(frame, parsed, size), Is.EqualTo(payload));
        });
    }

    [Test]
    public void Masked_payload_on_the_wire_differs_from_the_plain_payload()
    {
        var frame = FrameCodec.Encode(Header(Opcode.Text, 5, masked: true, key: RfcMaskKey), Hello);

        Assert.That(frame[6..], Is.Not.EqualTo(Hello));
    }

    private static IEnumerable<TestCaseData> HeaderVectors()
    {
        yield return new TestCaseData(UnmaskedHello[..2]).SetArgDisplayNames("7-bit unmasked");
        yield return new TestCaseData(MaskedHello[..6]).SetArgDisplayNames("7-bit masked");
        yield return new TestCaseData(Binary256Header).SetArgDisplayNames("16-bit unmasked");
        yield return new TestCaseData(Binary64KiBHeader).SetArgDisplayNames("64-bit unmasked");
        // The largest header: 0x82 0xFF (MASK=1, length 127), 8 length bytes, 4 key bytes.
        yield return new TestCaseData(FrameCodec.Encode(Header(Opcode.Binary, 0, masked: true, key: RfcMaskKey, form: LengthForm.Bits64), [])).SetArgDisplayNames("64-bit masked");
        yield return new TestCaseData(FrameCodec.Encode(Header(Opcode.Binary, 0, masked: true, key: RfcMaskKey, form: LengthForm.Bits16), [])).SetArgDisplayNames("16-bit masked");
    }

    [TestCaseSource(nameof(HeaderVectors))]
    public void Every_proper_prefix_of_a_header_needs_more_data(byte[] header)
    {
        Assert.Multiple(() =>
        {
            for (var length = 0; length < header.Length; length++)
            {
                var status = FrameCodec.TryReadHeader(header.AsSpan(0, length), out _, out var size);
                Assert.That(status, Is.EqualTo(OperationStatus.NeedMoreData), $"prefix of {length} bytes");
                Assert.That(size, Is.Zero, $"prefix of {length} bytes");
            }

            Assert.That(FrameCodec.TryReadHeader(header, out _, out var whole), Is.EqualTo(OperationStatus.Done));
            Assert.That(whole, Is.EqualTo(header.Length));
        });
    }

    [Test]
    public void Header_parses_from_the_start_of_a_longer_buffer_and_reports_only_its_own_size()
    {
        var buffer = MaskedHello.Concat(UnmaskedPing).ToArray();

        var header = Parse(buffer, out var size);

        Assert.Multiple(() =>
        {
            Assert.That(size, Is.EqualTo(6));
            Assert.That(header.Opcode, Is.EqualTo(Opcode.Text));
        });
    }

    [TestCase(FrameHeader.Rsv1, 0xC1)] // 1100 0001: FIN, RSV1, text
    [TestCase(FrameHeader.Rsv2, 0xA1)] // 1010 0001: FIN, RSV2, text
    [TestCase(FrameHeader.Rsv3, 0x91)] // 1001 0001: FIN, RSV3, text
    [TestCase(FrameHeader.Rsv1 | FrameHeader.Rsv2 | FrameHeader.Rsv3, 0xF1)] // 1111 0001: FIN, RSV1-3, text
    public void Rsv_bits_are_written_on_purpose_and_read_back(byte rsv, byte expectedFirstByte)
    {
        var frame = FrameCodec.Encode(Header(Opcode.Text, 5, rsv: rsv), Hello);
        var parsed = Parse(frame, out _);

        Assert.Multiple(() =>
        {
            Assert.That(frame[0], Is.EqualTo(expectedFirstByte));
            Assert.That(parsed.Rsv, Is.EqualTo(rsv));
            Assert.That(parsed.Opcode, Is.EqualTo(Opcode.Text));
        });
    }

    [Test]
    public void Rsv_values_above_three_bits_do_not_leak_into_fin_or_opcode()
    {
        var frame = FrameCodec.Encode(Header(Opcode.Text, 0, fin: false, rsv: 0xFF), []);

        // 0111 0001: FIN clear, RSV1-3 set, opcode 0x1 — the extra bits of 0xFF are dropped.
        Assert.That(frame[0], Is.EqualTo(0x71));
    }

    [TestCase(0x3)]
    [TestCase(0x4)]
    [TestCase(0x5)]
    [TestCase(0x6)]
    [TestCase(0x7)]
    [TestCase(0xB)]
    [TestCase(0xC)]
    [TestCase(0xD)]
    [TestCase(0xE)]
    [TestCase(0xF)]
    public void Reserved_opcodes_are_written_on_purpose_and_read_back(byte opcode)
    {
        var frame = FrameCodec.Encode(Header((Opcode)opcode, 0, masked: true, key: RfcMaskKey), []);
        var parsed = Parse(frame, out _);

        Assert.Multiple(() =>
        {
            Assert.That(frame[0], Is.EqualTo(0x80 | opcode), "FIN and the 4-bit opcode");
            Assert.That(parsed.Opcode, Is.EqualTo((Opcode)opcode));
            Assert.That(Opcodes.IsReserved(parsed.Opcode), Is.True);
        });
    }

    [Test]
    public void Unmasked_client_frame_header_has_mask_bit_clear_and_no_key()
    {
        var frame = FrameCodec.Encode(Header(Opcode.Text, 5), Hello);
        var parsed = Parse(frame, out var size);

        Assert.Multiple(() =>
        {
            Assert.That(frame[1] & 0x80, Is.Zero, "MASK bit");
            Assert.That(size, Is.EqualTo(2));
            Assert.That(parsed.Masked, Is.False);
            Assert.That(frame[2..], Is.EqualTo(Hello), "payload written as is");
        });
    }

    [Test]
    public void Non_minimal_16_bit_form_for_a_small_length_is_written_and_parses_as_not_minimal()
    {
        var frame = FrameCodec.Encode(Header(Opcode.Text, 5, form: LengthForm.Bits16), Hello);
        var parsed = Parse(frame, out var size);

        Assert.Multiple(() =>
        {
            // 0x81 FIN text; 0x7E length 126 = 16-bit follows; 0x00 0x05 = 5
            Assert.That(frame[..4], Is.EqualTo(new byte[] { 0x81, 0x7E, 0x00, 0x05 }));
            Assert.That(size, Is.EqualTo(4));
            Assert.That(parsed.DeclaredLength, Is.EqualTo(5UL));
            Assert.That(parsed.IsMinimalLength, Is.False);
        });
    }

    [TestCase(5UL)]
    [TestCase(200UL)]
    [TestCase(0xFFFFUL)]
    public void Non_minimal_64_bit_form_for_a_small_length_is_written_and_parses_as_not_minimal(ulong length)
    {
        var header = Header(Opcode.Binary, length, form: LengthForm.Bits64);
        var bytes = new byte[FrameCodec.MaxHeaderSize];

        var written = FrameCodec.WriteHeader(bytes, header);
        var parsed = Parse(bytes.AsSpan(0, written), out _);

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(10));
            Assert.That(bytes[1], Is.EqualTo(0x7F));
            Assert.That(parsed.DeclaredLength, Is.EqualTo(length));
            Assert.That(parsed.EffectiveForm, Is.EqualTo(LengthForm.Bits64));
            Assert.That(parsed.IsMinimalLength, Is.False);
        });
    }

    [Test]
    public void Length_with_the_64_bit_msb_set_is_written_and_flagged_when_parsed()
    {
        const ulong length = 0x8000_0000_0000_0005;
        var header = Header(Opcode.Binary, length);
        var bytes = new byte[FrameCodec.MaxHeaderSize];

        var written = FrameCodec.WriteHeader(bytes, header);
        var parsed = Parse(bytes.AsSpan(0, written), out _);

        Assert.Multiple(() =>
        {
            // 0x82 FIN binary; 0x7F 64-bit length; 0x80 ... 0x05 the length with its MSB set
            Assert.That(bytes[..written], Is.EqualTo(new byte[] { 0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0x05 }));
            Assert.That(header.HasLengthMsbSet, Is.True);
            Assert.That(parsed.HasLengthMsbSet, Is.True);
            Assert.That(parsed.DeclaredLength, Is.EqualTo(length));
        });
    }

    [Test]
    public void Largest_legal_64_bit_length_does_not_have_the_msb_set()
    {
        var parsed = Parse(FrameCodec.Encode(Header(Opcode.Binary, long.MaxValue), []), out _);

        Assert.That(parsed.HasLengthMsbSet, Is.False);
    }

    [Test]
    public void Control_frame_with_a_payload_over_125_bytes_encodes_without_complaint()
    {
        var payload = new byte[FrameCodec.MaxControlPayload + 1];

        var frame = FrameCodec.Encode(Header(Opcode.Ping, (ulong)payload.Length), payload);
        var parsed = Parse(frame, out _);

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Opcode, Is.EqualTo(Opcode.Ping));
            Assert.That(parsed.DeclaredLength, Is.EqualTo(126UL));
            Assert.That(parsed.EffectiveForm, Is.EqualTo(LengthForm.Bits16));
        });
    }

    [TestCase(Opcode.Ping)]
    [TestCase(Opcode.Pong)]
    [TestCase(Opcode.Close)]
    public void Fragmented_control_frame_encodes_without_complaint(Opcode opcode)
    {
        var frame = FrameCodec.Encode(Header(opcode, 5, fin: false, masked: true, key: RfcMaskKey), Hello);
        var parsed = Parse(frame, out _);

        Assert.Multiple(() =>
        {
            Assert.That(frame[0], Is.EqualTo((byte)opcode), "FIN clear, opcode kept");
            Assert.That(parsed.Fin, Is.False);
            Assert.That(Opcodes.IsControl(parsed.Opcode), Is.True);
        });
    }

    [Test]
    public void Declared_length_may_differ_from_the_payload_written()
    {
        var frame = FrameCodec.Encode(Header(Opcode.Text, 100), Hello);
        var parsed = Parse(frame, out var size);

        Assert.Multiple(() =>
        {
            Assert.That(parsed.DeclaredLength, Is.EqualTo(100UL));
            Assert.That(frame, Has.Length.EqualTo(size + Hello.Length));
        });
    }

    [TestCase(0, 1)]
    [TestCase(1, 4)]
    [TestCase(3, 2)]
    [TestCase(5, 7)]
    [TestCase(6, 0)]
    public void Mask_applied_in_two_pieces_with_an_offset_equals_mask_applied_at_once(int split, int startOffset)
    {
        var original = "Hello, WebSocket"u8.ToArray();
        var whole = original.ToArray();
        var pieces = original.ToArray();

        FrameCodec.ApplyMask(whole.AsSpan(startOffset), RfcMaskKey, 0);
        FrameCodec.ApplyMask(pieces.AsSpan(startOffset, split), RfcMaskKey, 0);
        FrameCodec.ApplyMask(pieces.AsSpan(startOffset + split), RfcMaskKey, split);

        Assert.Multiple(() =>
        {
            Assert.That(pieces, Is.EqualTo(whole));
            Assert.That(whole, Is.Not.EqualTo(original));
        });
    }

    [Test]
    public void Mask_offset_beyond_int_range_uses_the_offset_modulo_four()
    {
        var atOffset = Hello.ToArray();
        var atEquivalent = Hello.ToArray();

        FrameCodec.ApplyMask(atOffset, RfcMaskKey, 0x1_0000_0003L);
        FrameCodec.ApplyMask(atEquivalent, RfcMaskKey, 3);

        Assert.That(atOffset, Is.EqualTo(atEquivalent));
    }

    [Test]
    public void Masking_the_rfc_payload_gives_the_rfc_masked_bytes()
    {
        var data = Hello.ToArray();

        FrameCodec.ApplyMask(data, RfcMaskKey, 0);

        // §5.7: 0x7f 0x9f 0x4d 0x51 0x58 is "Hello" masked with 0x37 0xfa 0x21 0x3d.
        Assert.That(data, Is.EqualTo(new byte[] { 0x7f, 0x9f, 0x4d, 0x51, 0x58 }));
    }

    [TestCase(0x37fa213dU)]
    [TestCase(0xffffffffU)]
    [TestCase(0x00000001U)]
    public void Masking_twice_restores_the_payload(uint key)
    {
        var original = Enumerable.Range(0, 37).Select(i => (byte)(i * 13)).ToArray();
        var data = original.ToArray();

        FrameCodec.ApplyMask(data, key, 0);
        var masked = data.ToArray();
        FrameCodec.ApplyMask(data, key, 0);

        Assert.Multiple(() =>
        {
            Assert.That(masked, Is.Not.EqualTo(original));
            Assert.That(data, Is.EqualTo(original));
        });
    }

    [Test]
    public void Zero_mask_key_leaves_the_payload_unchanged()
    {
        var data = Hello.ToArray();

        FrameCodec.ApplyMask(data, 0, 1);

        Assert.That(data, Is.EqualTo(Hello));
    }

    [Test]
    public void Masked_frame_with_zero_key_carries_the_plain_payload()
    {
        var frame = FrameCodec.Encode(Header(Opcode.Text, 5, masked: true, key: 0), Hello);

        Assert.Multiple(() =>
        {
            Assert.That(frame[1], Is.EqualTo(0x85), "MASK=1, length 5");
            Assert.That(frame[2..6], Is.EqualTo(new byte[4]), "zero key");
            Assert.That(frame[6..], Is.EqualTo(Hello));
        });
    }

    [TestCase(126UL, LengthForm.Bits7)]
    [TestCase(1000UL, LengthForm.Bits7)]
    [TestCase(0x10000UL, LengthForm.Bits16)]
    [TestCase(ulong.MaxValue, LengthForm.Bits16)]
    public void Writing_a_length_that_does_not_fit_the_forced_form_throws(ulong length, LengthForm form)
    {
        var destination = new byte[FrameCodec.MaxHeaderSize];

        Assert.Throws<ArgumentException>(() => FrameCodec.WriteHeader(destination, Header(Opcode.Binary, length, form: form)));
    }

    [TestCase(5UL, false, 1)]
    [TestCase(5UL, true, 5)]
    [TestCase(300UL, false, 3)]
    [TestCase(0x10000UL, true, 13)]
    public void Writing_into_a_destination_shorter_than_the_header_throws(ulong length, bool masked, int destinationLength)
    {
        var destination = new byte[destinationLength];

        var thrown = Assert.Throws<ArgumentException>(() => FrameCodec.WriteHeader(destination, Header(Opcode.Binary, length, masked: masked)));

        Assert.That(thrown.ParamName, Is.EqualTo("destination"));
    }

    [Test]
    public void Largest_header_64_bit_length_with_mask_is_exactly_MaxHeaderSize()
    {
        var header = Header(Opcode.Binary, ulong.MaxValue >> 1, masked: true, key: RfcMaskKey);
        var destination = new byte[FrameCodec.MaxHeaderSize];

        var written = FrameCodec.WriteHeader(destination, header);

        Assert.Multiple(() =>
        {
            Assert.That(FrameCodec.MaxHeaderSize, Is.EqualTo(14));
            Assert.That(header.Size, Is.EqualTo(FrameCodec.MaxHeaderSize));
            Assert.That(written, Is.EqualTo(FrameCodec.MaxHeaderSize));
            Assert.That(destination[^4..], Is.EqualTo(new byte[] { 0x37, 0xfa, 0x21, 0x3d }), "key in the last 4 bytes");
        });
    }

    [TestCase(0UL, LengthForm.Bits7)]
    [TestCase(125UL, LengthForm.Bits7)]
    [TestCase(126UL, LengthForm.Bits16)]
    [TestCase(0xFFFFUL, LengthForm.Bits16)]
    [TestCase(0x10000UL, LengthForm.Bits64)]
    [TestCase(ulong.MaxValue, LengthForm.Bits64)]
    public void Minimal_form_switches_at_126_and_65536(ulong length, LengthForm expected)
    {
        Assert.That(FrameCodec.MinimalFormFor(length), Is.EqualTo(expected));
    }

    [Test]
    public void Text_frame_payload_round_trips_through_utf8()
    {
        const string text = "Grüße, κόσμε";
        var payload = Encoding.UTF8.GetBytes(text);

        var frame = FrameCodec.Encode(Header(Opcode.Text, (ulong)payload.Length, masked: true, key: 0x11223344), payload);
        var parsed = Parse(frame, out var size);

        Assert.That(Encoding.UTF8.GetString(Unmasked(frame, parsed, size)), Is.EqualTo(text));
    }
}
