using System.Text;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Tests.Results;

/// <summary>The bounded, redacted wire log attached to non-passing results.</summary>
[TestFixture]
public sealed class WireLogTests
{
    [Test]
    public void Log_keeps_at_most_MaxEvents_entries_then_a_note_counting_the_rest()
    {
        var log = new WireLog(Redactor.None);

        for (var i = 0; i < WireLog.MaxEvents + 25; i++)
        {
            log.Add(WireEventKind.Note, WireDirection.None, $"note {i}");
        }

        var entries = log.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(entries, Has.Count.EqualTo(WireLog.MaxEvents + 1));
            Assert.That(entries[WireLog.MaxEvents - 1].Text, Is.EqualTo($"note {WireLog.MaxEvents - 1}"));
            Assert.That(entries[^1].Kind, Is.EqualTo(WireEventKind.Note));
            Assert.That(entries[^1].Dir, Is.EqualTo(WireDirection.None));
            Assert.That(entries[^1].Text, Is.EqualTo("25 more entries not kept"));
        });
    }

    [Test]
    public void Log_at_exactly_MaxEvents_has_no_dropped_note()
    {
        var log = new WireLog(Redactor.None);

        for (var i = 0; i < WireLog.MaxEvents; i++)
        {
            log.Add(WireEventKind.Timeout, WireDirection.In);
        }

        var entries = log.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(entries, Has.Count.EqualTo(WireLog.MaxEvents));
            Assert.That(entries.Select(e => e.Kind), Is.All.EqualTo(WireEventKind.Timeout));
        });
    }

    [Test]
    public void Byte_counters_keep_counting_after_the_entry_cap()
    {
        var log = new WireLog(Redactor.None);

        for (var i = 0; i < WireLog.MaxEvents + 10; i++)
        {
            log.Bytes(WireDirection.Out, new byte[3]);
            log.Bytes(WireDirection.In, new byte[2]);
        }

        Assert.Multiple(() =>
        {
            Assert.That(log.BytesOut, Is.EqualTo(3 * (WireLog.MaxEvents + 10)));
            Assert.That(log.BytesIn, Is.EqualTo(2 * (WireLog.MaxEvents + 10)));
        });
    }

    [Test]
    public void Hex_preview_of_short_input_is_lower_case_hex_without_ellipsis()
    {
        // 0x81 0x05 "Hello" (§5.7)
        Assert.That(WireLog.Hex([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]), Is.EqualTo("810548656c6c6f"));
    }

    [Test]
    public void Hex_preview_of_exactly_64_bytes_has_no_ellipsis()
    {
        var hex = WireLog.Hex(new byte[WireLog.PreviewBytes]);

        Assert.That(hex, Is.EqualTo(new string('0', 2 * WireLog.PreviewBytes)));
    }

    [Test]
    public void Hex_preview_is_capped_at_64_bytes_with_an_ellipsis()
    {
        var bytes = Enumerable.Range(0, 200).Select(i => (byte)i).ToArray();

        var hex = WireLog.Hex(bytes);

        Assert.Multiple(() =>
        {
            Assert.That(hex, Is.EqualTo(Convert.ToHexString(bytes, 0, WireLog.PreviewBytes).ToLowerInvariant() + "…"));
            Assert.That(hex, Has.Length.EqualTo(2 * 64 + 1));
        });
    }

    [Test]
    public void Bytes_entry_records_count_direction_and_capped_hex()
    {
        var log = new WireLog(Redactor.None);

        log.Bytes(WireDirection.In, new byte[100]);

        var entry = log.Snapshot().Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Kind, Is.EqualTo(WireEventKind.Bytes));
            Assert.That(entry.Dir, Is.EqualTo(WireDirection.In));
            Assert.That(entry.Length, Is.EqualTo(100));
            Assert.That(entry.Hex, Does.EndWith("…"));
            Assert.That(entry.T, Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public void Printable_returns_utf8_text()
    {
        Assert.That(WireLog.Printable(Encoding.UTF8.GetBytes("Grüße\tκόσμε\n")), Is.EqualTo("Grüße\tκόσμε\n"));
    }

    [TestCase(new byte[] { 0x00, 0x01, 0x02 })]
    [TestCase(new byte[] { 0x48, 0x69, 0x0d })] // "Hi\r": a control character
    [TestCase(new byte[] { 0xff, 0xfe })] // never valid in UTF-8
    [TestCase(new byte[] { 0xc3 })] // truncated two-byte sequence
    [TestCase(new byte[] { 0xed, 0xa0, 0x80 })] // encoded surrogate U+D800
    [TestCase(new byte[] { 0xc0, 0xaf })] // overlong '/'
    public void Printable_returns_null_for_binary_or_invalid_utf8(byte[] bytes)
    {
        Assert.That(WireLog.Printable(bytes), Is.Null);
    }

    [Test]
    public void Printable_cuts_long_utf8_on_a_character_boundary()
    {
        // 30 euro signs are 90 bytes (E2 82 AC each); byte 64 falls inside the 22nd sign.
        var text = WireLog.Printable(Encoding.UTF8.GetBytes(new string('€', 30)));

        Assert.That(text, Is.EqualTo(new string('€', 21) + "…"));
    }

    [Test]
    public void Frame_text_passes_through_the_redactor()
    {
        var log = new WireLog(new Redactor(["hunter22"]));

        log.Frame(WireDirection.In, new FrameHeader(true, 0, Opcode.Text, false, 17), "password=hunter22"u8);

        Assert.That(log.Snapshot().Single().Text, Is.EqualTo("password=[redacted]"));
    }

    [Test]
    public void Printable_cuts_long_text_at_64_bytes_with_an_ellipsis()
    {
        var text = new string('a', 100);

        Assert.That(WireLog.Printable(Encoding.UTF8.GetBytes(text)), Is.EqualTo(new string('a', WireLog.PreviewBytes) + "…"));
    }

    [Test]
    public void Note_text_passes_through_the_redactor()
    {
        var log = new WireLog(new Redactor(["hunter22"]));

        log.Add(WireEventKind.Note, WireDirection.None, "password is hunter22");

        Assert.That(log.Snapshot().Single().Text, Is.EqualTo("password is [redacted]"));
    }

    [Test]
    public void Http_head_passes_through_the_redactor()
    {
        var log = new WireLog(Redactor.For(new Uri("ws://h/"), [("Cookie", "sid=abcdef123")]));

        log.Http(WireDirection.Out, "GET / HTTP/1.1\r\nCookie: sid=abcdef123\r\n");

        var entry = log.Snapshot().Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Kind, Is.EqualTo(WireEventKind.Http));
            Assert.That(entry.Dir, Is.EqualTo(WireDirection.Out));
            Assert.That(entry.Text, Is.EqualTo("GET / HTTP/1.1\r\nCookie: [redacted]\r\n"));
        });
    }

    [Test]
    public void Long_note_is_cut_after_redaction_to_MaxTextChars()
    {
        var log = new WireLog(new Redactor(["secret"]));
        var text = new string('x', WireLog.MaxTextChars - 3) + "secret" + new string('y', 50);

        log.Add(WireEventKind.Note, WireDirection.None, text);

        var kept = log.Snapshot().Single().Text!;
        Assert.Multiple(() =>
        {
            Assert.That(kept, Has.Length.EqualTo(WireLog.MaxTextChars + 1));
            Assert.That(kept, Does.EndWith("[re…"));
            Assert.That(kept, Does.Not.Contain("sec"));
        });
    }

    [Test]
    public void Frame_entry_records_the_decoded_header_and_payload_preview()
    {
        var log = new WireLog(Redactor.None);
        var header = new FrameHeader(Fin: false, Rsv: FrameHeader.Rsv1, Opcode: (Opcode)0x3, Masked: true, DeclaredLength: 5, MaskKey: 1);

        log.Frame(WireDirection.In, header, "Hello"u8);

        var entry = log.Snapshot().Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Kind, Is.EqualTo(WireEventKind.Frame));
            Assert.That(entry.Opcode, Is.EqualTo("reserved-0x3"));
            Assert.That(entry.Fin, Is.False);
            Assert.That(entry.Rsv, Is.EqualTo(4));
            Assert.That(entry.Masked, Is.True);
            Assert.That(entry.Length, Is.EqualTo(5));
            Assert.That(entry.Hex, Is.EqualTo("48656c6c6f"));
            Assert.That(entry.Text, Is.EqualTo("Hello"));
        });
    }

    [Test]
    public void Frame_entry_with_an_msb_set_length_reports_the_largest_long()
    {
        var log = new WireLog(Redactor.None);

        log.Frame(WireDirection.In, new FrameHeader(true, 0, Opcode.Binary, false, ulong.MaxValue), []);

        Assert.That(log.Snapshot().Single().Length, Is.EqualTo(long.MaxValue));
    }

    [Test]
    public void Entries_are_kept_in_order_with_non_decreasing_times()
    {
        var log = new WireLog(Redactor.None);

        log.Add(WireEventKind.Connected, WireDirection.None);
        log.Bytes(WireDirection.Out, [1]);
        log.Add(WireEventKind.Eof, WireDirection.In);

        var entries = log.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.Kind), Is.EqualTo(new[] { WireEventKind.Connected, WireEventKind.Bytes, WireEventKind.Eof }));
            Assert.That(entries.Select(e => e.T), Is.Ordered);
        });
    }

    [Test]
    public void Snapshot_is_a_copy_unaffected_by_later_entries()
    {
        var log = new WireLog(Redactor.None);
        log.Add(WireEventKind.Connected, WireDirection.None);

        var before = log.Snapshot();
        log.Add(WireEventKind.Eof, WireDirection.In);

        Assert.That(before, Has.Count.EqualTo(1));
    }
}
