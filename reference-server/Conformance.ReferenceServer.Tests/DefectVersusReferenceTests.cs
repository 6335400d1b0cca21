using System.Diagnostics;

namespace Conformance.ReferenceServer.Tests;

/// <summary>
/// The message, control-frame and closing defects: each test sends the same bytes to the reference server
/// and to the variant, and shows the variant answering them differently. Where the reference fails the
/// connection, its Close may be lost to a reset (stack-recipes trap 9), so either outcome is accepted there.
/// </summary>
public sealed class DefectVersusReferenceTests
{
    private static readonly byte[] Key = [0x5A, 0x0F, 0xC3, 0x96];

    /// <summary>How long "the server says nothing and keeps the connection open" is watched.</summary>
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(500);

    private static readonly string[] FailedConnection = ["close 1002", "connection ended"];

    private static readonly string[] FailedUtf8 = ["close 1007", "connection ended"];

    [Test]
    public async Task NoUtf8Validation_echoes_invalid_utf8_as_text_byte_for_byte_where_the_reference_fails_with_1007()
    {
        byte[] invalid = [0x61, 0xFF, 0xFE, 0x62]; // 'a', two bytes never valid in UTF-8, 'b'
        byte[] invalidText = [0x81, 0x84, .. Key, .. RawWebSocket.Mask(Key, invalid)]; // FIN=1 text; MASK=1 len=4; key; payload

        var reference = await RawWebSocket.FirstReplyAsync(Defect.None, invalidText);

        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.NoUtf8Validation });
        using var raw = await RawWebSocket.OpenAsync(server.Port);
        await raw.SendAsync(
            invalidText,
            [0x01, 0x82, .. Key, .. RawWebSocket.Mask(Key, [0x61, 0xFF])], // FIN=0 text; MASK=1 len=2; key; 'a', 0xFF
            [0x80, 0x82, .. Key, .. RawWebSocket.Mask(Key, [0xFE, 0x62])], // FIN=1 continuation; MASK=1 len=2; key; 0xFE, 'b'
            [0x82, 0x82, .. Key, .. RawWebSocket.Mask(Key, [0xFF, 0xFF])], // FIN=1 binary; MASK=1 len=2; key; 0xFF 0xFF
            [0x81, 0x83, .. Key, .. RawWebSocket.Mask(Key, "€")]); // FIN=1 text; MASK=1 len=3; key; E2 82 AC
        var whole = await raw.ReadFrameAsync();
        var fragmented = await raw.ReadFrameAsync();
        var binary = await raw.ReadFrameAsync();
        var valid = await raw.ReadFrameAsync();
        byte[] textHeader = [0x81, 0x04]; // FIN=1 text; unmasked, len=4
        byte[] binaryHeader = [0x82, 0x02]; // FIN=1 binary; unmasked, len=2

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference, Is.AnyOf(FailedUtf8));
            Assert.That(whole?.Header, Is.EqualTo(textHeader));
            Assert.That(whole?.Payload, Is.EqualTo(invalid));
            Assert.That(fragmented?.Header, Is.EqualTo(textHeader), "a fragmented message is echoed as one text frame");
            Assert.That(fragmented?.Payload, Is.EqualTo(invalid));
            Assert.That(binary?.Header, Is.EqualTo(binaryHeader), "binary stays binary");
            Assert.That(RawFrame.Describe(valid), Is.EqualTo("text \"€\""), "valid text still echoes as text");
        }
    }

    [Test]
    public async Task Utf8CheckedPerFrameOnly_fails_with_1007_on_a_character_split_across_fragments_that_the_reference_echoes()
    {
        byte[][] splitEuro =
        [
            [0x01, 0x81, .. Key, .. RawWebSocket.Mask(Key, [0xE2])], // FIN=0 text; MASK=1 len=1; key; first byte of '€'
            [0x80, 0x82, .. Key, .. RawWebSocket.Mask(Key, [0x82, 0xAC])], // FIN=1 continuation; MASK=1 len=2; key; its last two bytes
        ];
        byte[][] wholeCharacters =
        [
            [0x01, 0x81, .. Key, .. RawWebSocket.Mask(Key, "a")], // FIN=0 text; MASK=1 len=1; key; "a"
            [0x80, 0x83, .. Key, .. RawWebSocket.Mask(Key, "€")], // FIN=1 continuation; MASK=1 len=3; key; "€"
        ];
        byte[] invalidText = [0x81, 0x84, .. Key, .. RawWebSocket.Mask(Key, [0x61, 0xFF, 0xFE, 0x62])]; // FIN=1 text; len=4; 'a' FF FE 'b'

        var reference = await RawWebSocket.FirstReplyAsync(Defect.None, splitEuro);
        var split = await RawWebSocket.FirstReplyAsync(Defect.Utf8CheckedPerFrameOnly, splitEuro);
        var whole = await RawWebSocket.FirstReplyAsync(Defect.Utf8CheckedPerFrameOnly, wholeCharacters);
        var invalid = await RawWebSocket.FirstReplyAsync(Defect.Utf8CheckedPerFrameOnly, invalidText);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference, Is.EqualTo("text \"€\""));
            Assert.That(split, Is.AnyOf(FailedUtf8));
            Assert.That(whole, Is.EqualTo("text \"a€\""), "fragments that are each valid UTF-8 still echo");
            Assert.That(invalid, Is.AnyOf(FailedUtf8), "invalid UTF-8 still fails");
        }
    }

    [TestCase(0x09, TestName = "{m}(ping)")]
    [TestCase(0x0A, TestName = "{m}(pong)")]
    public async Task AcceptsFragmentedPings_processes_a_control_frame_with_fin_clear_that_the_reference_rejects(int opcode)
    {
        byte[] fragmented = [(byte)opcode, 0x82, .. Key, .. RawWebSocket.Mask(Key, "pp")]; // FIN=0 ping/pong; MASK=1 len=2; key; "pp"
        byte[] ping = [0x89, 0x82, .. Key, .. RawWebSocket.Mask(Key, "ok")]; // FIN=1 ping; MASK=1 len=2; key; "ok"

        var reference = await RawWebSocket.FirstReplyAsync(Defect.None, fragmented, ping);
        var variant = await RawWebSocket.FirstReplyAsync(Defect.AcceptsFragmentedPings, fragmented, ping);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference, Is.AnyOf(FailedConnection));
            // A fragmented ping is answered; a fragmented pong is taken as a pong, so the next ping's answer comes first.
            Assert.That(variant, Is.EqualTo(opcode == 0x09 ? "pong \"pp\"" : "pong \"ok\""));
        }
    }

    [Test]
    public async Task IgnoresPings_answers_no_ping_while_the_reference_pongs()
    {
        byte[] ping = [0x89, 0x82, .. Key, .. RawWebSocket.Mask(Key, "pp")]; // FIN=1 ping; MASK=1 len=2; key; "pp"
        byte[] text = [0x81, 0x85, .. Key, .. RawWebSocket.Mask(Key, "hello")]; // FIN=1 text; MASK=1 len=5; key; "hello"

        var reference = await RawWebSocket.FirstReplyAsync(Defect.None, ping, text);
        var variant = await RawWebSocket.FirstReplyAsync(Defect.IgnoresPings, ping, text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference, Is.EqualTo("pong \"pp\""));
            Assert.That(variant, Is.EqualTo("text \"hello\""), "the echo comes first: the ping got no pong");
        }
    }

    [Test]
    public async Task WrongPongPayload_answers_with_a_payload_that_differs_from_the_ping()
    {
        byte[] ping = [0x89, 0x82, .. Key, .. RawWebSocket.Mask(Key, "pp")]; // FIN=1 ping; MASK=1 len=2; key; "pp"
        byte[] emptyPing = [0x89, 0x80, .. Key]; // FIN=1 ping; MASK=1 len=0; key (6 bytes, trap 10)

        var reference = await RawWebSocket.FirstFrameAsync(Defect.None, ping);
        var referenceEmpty = await RawWebSocket.FirstFrameAsync(Defect.None, emptyPing);
        var variant = await RawWebSocket.FirstFrameAsync(Defect.WrongPongPayload, ping);
        var variantEmpty = await RawWebSocket.FirstFrameAsync(Defect.WrongPongPayload, emptyPing);
        byte[] flipped = [0x8F, 0x70]; // 'p' (0x70) with every bit flipped, then 'p'
        byte[] pongOfTwo = [0x8A, 0x02]; // FIN=1 pong; unmasked, len=2
        byte[] emptyPong = [0x8A, 0x00]; // FIN=1 pong; unmasked, len=0
        byte[] pongOfOne = [0x8A, 0x01]; // FIN=1 pong; unmasked, len=1

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference?.Header, Is.EqualTo(pongOfTwo));
            Assert.That(reference?.Text, Is.EqualTo("pp"));
            Assert.That(referenceEmpty?.Header, Is.EqualTo(emptyPong));
            Assert.That(variant?.Header, Is.EqualTo(pongOfTwo));
            Assert.That(variant?.Payload, Is.EqualTo(flipped));
            Assert.That(variantEmpty?.Header, Is.EqualTo(pongOfOne));
            Assert.That(variantEmpty?.Text, Is.EqualTo("x"));
        }
    }

    [Test]
    public async Task AcceptsContinuationWithoutStart_drops_a_stray_continuation_that_the_reference_rejects()
    {
        byte[] stray = [0x80, 0x85, .. Key, .. RawWebSocket.Mask(Key, "stray")]; // FIN=1 continuation, no message started; MASK=1 len=5
        byte[] text = [0x81, 0x85, .. Key, .. RawWebSocket.Mask(Key, "hello")]; // FIN=1 text; MASK=1 len=5; key; "hello"

        var reference = await RawWebSocket.FirstReplyAsync(Defect.None, stray, text);
        var variant = await RawWebSocket.FirstReplyAsync(Defect.AcceptsContinuationWithoutStart, stray, text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference, Is.AnyOf(FailedConnection));
            Assert.That(variant, Is.EqualTo("text \"hello\""));
        }
    }

    [Test]
    public async Task AcceptsInterleavedDataFrames_drops_a_new_message_inside_a_fragmented_one_that_the_reference_rejects()
    {
        byte[][] interleaved =
        [
            [0x01, 0x83, .. Key, .. RawWebSocket.Mask(Key, "Hel")], // FIN=0 text; MASK=1 len=3; key; "Hel"
            [0x81, 0x83, .. Key, .. RawWebSocket.Mask(Key, "xyz")], // FIN=1 text while "Hel" is unfinished; MASK=1 len=3
            [0x80, 0x82, .. Key, .. RawWebSocket.Mask(Key, "lo")], // FIN=1 continuation; MASK=1 len=2; key; "lo"
        ];

        var reference = await RawWebSocket.FirstReplyAsync(Defect.None, interleaved);
        var variant = await RawWebSocket.FirstReplyAsync(Defect.AcceptsInterleavedDataFrames, interleaved);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference, Is.AnyOf(FailedConnection));
            Assert.That(variant, Is.EqualTo("text \"Hello\""));
        }
    }

    [TestCase(0)]
    [TestCase(999)]
    [TestCase(1004)]
    [TestCase(1005)]
    [TestCase(1006)]
    [TestCase(1015)]
    [TestCase(1016)]
    [TestCase(2999)]
    [TestCase(5000)]
    public async Task AcceptsInvalidCloseCodes_echoes_the_invalid_code_where_the_reference_fails_with_1002(int code)
    {
        byte[] closePayload = [(byte)(code >> 8), (byte)code, .. "bye"u8]; // the code, big-endian; reason "bye"
        byte[] close = [0x88, 0x85, .. Key, .. RawWebSocket.Mask(Key, closePayload)]; // FIN=1 close; MASK=1 len=5; key; payload

        var reference = await RawWebSocket.FirstReplyAsync(Defect.None, close);
        var variant = await RawWebSocket.FirstFrameAsync(Defect.AcceptsInvalidCloseCodes, close);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference, Is.AnyOf(FailedConnection));
            Assert.That(variant?.Opcode, Is.EqualTo(0x8));
            Assert.That(variant?.Payload, Is.EqualTo(closePayload), "the same code and reason come back");
        }
    }

    [Test]
    public async Task NoCloseReply_leaves_a_close_unanswered_and_the_connection_open_where_the_reference_echoes_it()
    {
        byte[] closePayload = [0x03, 0xE8, .. "bye"u8]; // code 1000, reason "bye"
        byte[] close = [0x88, 0x85, .. Key, .. RawWebSocket.Mask(Key, closePayload)]; // FIN=1 close; MASK=1 len=5; key; payload
        byte[] ping = [0x89, 0x82, .. Key, .. RawWebSocket.Mask(Key, "pp")]; // FIN=1 ping after the Close; MASK=1 len=2

        var reference = await RawWebSocket.FirstFrameAsync(Defect.None, close);

        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.NoCloseReply });
        using var raw = await RawWebSocket.OpenAsync(server.Port);
        await raw.SendAsync(close, ping);
        var silent = await raw.StaysSilentForAsync(Silence);
        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();
        clock.Stop();
        var afterStop = await raw.ReadFrameAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(reference?.Payload, Is.EqualTo(closePayload));
            Assert.That(silent, Is.True, "no Close, no pong, and the connection stays open");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "the unanswered connection must not hold up stopping");
            Assert.That(afterStop, Is.Null, "stopping the server ends the connection");
        }
    }

    [Test]
    public async Task KeepsTcpOpenAfterClose_echoes_the_close_but_leaves_closing_TCP_to_the_client()
    {
        byte[] closePayload = [0x03, 0xE8, .. "bye"u8]; // code 1000, reason "bye"
        byte[] close = [0x88, 0x85, .. Key, .. RawWebSocket.Mask(Key, closePayload)]; // FIN=1 close; MASK=1 len=5; key; payload

        await using var reference = await ReferenceServer.StartAsync(new ReferenceServerOptions());
        using var referenceRaw = await RawWebSocket.OpenAsync(reference.Port);
        await referenceRaw.SendAsync(close);
        var referenceClose = await referenceRaw.ReadFrameAsync();
        var referenceAfterClose = await referenceRaw.ReadFrameAsync();

        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.KeepsTcpOpenAfterClose });
        using var raw = await RawWebSocket.OpenAsync(server.Port);
        await raw.SendAsync(close);
        var echoed = await raw.ReadFrameAsync();
        var stillOpen = await raw.StaysSilentForAsync(Silence);
        raw.CloseOutput();
        var afterClientClosed = await raw.ReadFrameAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(referenceClose?.Payload, Is.EqualTo(closePayload));
            Assert.That(referenceAfterClose, Is.Null, "the reference closes TCP right after the closing handshake");
            Assert.That(echoed?.Payload, Is.EqualTo(closePayload), "the closing handshake itself is normal");
            Assert.That(stillOpen, Is.True, "the server does not close TCP");
            Assert.That(afterClientClosed, Is.Null, "once the client closes TCP, the server's side follows");
        }
    }

    [Test]
    public async Task KeepsTcpOpenAfterClose_does_not_hold_up_stopping()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.KeepsTcpOpenAfterClose });
        using var raw = await RawWebSocket.OpenAsync(server.Port);
        await raw.SendAsync([0x88, 0x82, .. Key, .. RawWebSocket.Mask(Key, [0x03, 0xE8])]); // FIN=1 close; MASK=1 len=2; key; code 1000
        var echoed = await raw.ReadFrameAsync();

        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();
        clock.Stop();
        var afterStop = await raw.ReadFrameAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(RawFrame.Describe(echoed), Is.EqualTo("close 1000"));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
            Assert.That(afterStop, Is.Null, "stopping the server ends the held connection");
        }
    }
}
