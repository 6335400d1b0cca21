using Conformance.ReportSite.Model;

namespace Conformance.ReportSite.Tests.Unit;

public sealed class HexDumpTests
{
    [Test]
    public void Frame_bytes_are_dumped_with_offset_hex_and_ascii()
    {
        // 81 = FIN + text, 05 = unmasked, length 5, then "Hello" (RFC 6455 §5.7).
        Assert.That(SiteBuilder.HexDump("810548656c6c6f"), Is.EqualTo(Line("0000", "81 05 48 65 6c 6c 6f", "..Hello")));
    }

    [Test]
    public void Sixteen_bytes_make_a_line()
    {
        // 82 7e 00 11 = FIN + binary, 16-bit length 17, then the bytes 0x00 to 0x10.
        var hex = "827e0011" + string.Concat(Enumerable.Range(0, 17).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(SiteBuilder.HexDump(hex), Is.EqualTo(
            Line("0000", "82 7e 00 11 00 01 02 03 04 05 06 07 08 09 0a 0b", ".~..............") + "\n" +
            Line("0010", "0c 0d 0e 0f 10", ".....")));
    }

    [Test]
    public void Cut_preview_ends_with_an_ellipsis_line()
    {
        Assert.That(SiteBuilder.HexDump("48656c6c6f…"), Is.EqualTo(Line("0000", "48 65 6c 6c 6f", "Hello") + "\n…"));
    }

    [Test]
    public void Printable_range_is_space_to_tilde()
    {
        // 1f and 7f are control characters, 20 (space) and 7e (~) are printable.
        Assert.That(SiteBuilder.HexDump("1f207e7f"), Is.EqualTo(Line("0000", "1f 20 7e 7f", ". ~.")));
    }

    [Test]
    public void At_most_128_bytes_are_dumped_and_a_cut_says_so()
    {
        var lines = SiteBuilder.HexDump(new string('a', 2 * 200)).Split('\n');
        Assert.That(lines, Has.Length.EqualTo(9).And.Some.StartsWith("0070  "));
        Assert.That(lines[^1], Is.EqualTo("…"));
    }

    [TestCase(null, "")]
    [TestCase("", "")]
    [TestCase("abc", "abc")]
    [TestCase("zz", "zz")]
    [TestCase("<script>alert(1)</script>", "<script>alert(1)</script>")]
    public void Anything_but_hex_is_shown_as_it_is(string? hex, string shown) =>
        Assert.That(SiteBuilder.HexDump(hex), Is.EqualTo(shown));

    // One dump line: offset, the hex of up to 16 bytes padded to the full width, then the bytes as ASCII.
    private static string Line(string offset, string hex, string ascii) => $"{offset}  {hex.PadRight((16 * 3) - 1)}  |{ascii}|";
}
