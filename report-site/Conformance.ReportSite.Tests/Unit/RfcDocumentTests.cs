using System.Text.RegularExpressions;
using Conformance.ReportSite.Model;

namespace Conformance.ReportSite.Tests.Unit;

public sealed class RfcDocumentTests
{
    // Two pages of an RFC as the RFC Editor publishes them: header block, centred title, footer, form feed, running header.
    private const string TwoPages =
        "Internet Engineering Task Force (IETF)                          I. Fette\n" +
        "Request for Comments: 6455                                  Google, Inc.\n" +
        "Category: Standards Track                                  December 2011\n" +
        "\n" +
        "\n" +
        "                         The WebSocket Protocol\n" +
        "\n" +
        "Abstract\n" +
        "\n" +
        "   The WebSocket Protocol enables two-way communication.\n" +
        "\n" +
        "1.  Introduction\n" +
        "\n" +
        "   Historically, creating web applications has required an abuse of\n" +
        "\n" +
        "Fette & Melnikov             Standards Track                    [Page 1]\n" +
        "\f\n" +
        "RFC 6455                 The WebSocket Protocol            December 2011\n" +
        "\n" +
        "\n" +
        "   HTTP.\n" +
        "\n" +
        "5.  Data Framing\n" +
        "\n" +
        "5.2.  Base Framing Protocol\n" +
        "\n" +
        "   This wire format for the data transfer part is described by the ABNF\n";

    [Test]
    public void Page_headers_and_footers_are_removed()
    {
        var document = RfcDocument.Parse("RFC6455", TwoPages);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(document.Title, Is.EqualTo("The WebSocket Protocol"));
            Assert.That(document.Sections.Select(s => s.Number), Is.EqualTo(SectionsOfTwoPages));
            Assert.That(document.Find("1")!.Body, Is.EqualTo("   Historically, creating web applications has required an abuse of\n\n   HTTP."));
            Assert.That(document.Preamble, Does.Contain("Abstract").And.Not.Contains("[Page"));
        }
    }

    [Test]
    public void Bundled_RFC_6455_has_no_page_furniture_left()
    {
        var document = RfcDocument.Bundled["RFC6455"];
        var texts = document.Sections.Select(s => s.Body).Prepend(document.Preamble).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(document.Sections.Select(s => s.Number), Is.EqualTo(Contents(document.Preamble)), "every section of the table of contents, once, in order");
            Assert.That(texts, Has.None.Contains("[Page ").And.None.Contains("\f").And.None.Contains("RFC 6455                 The WebSocket Protocol"));
        }
    }

    [Test]
    public void Section_5_2_is_found_by_its_number()
    {
        var section = RfcDocument.Bundled["RFC6455"].Find("5.2");
        Assert.That(section, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(section!.Title, Is.EqualTo("Base Framing Protocol"));
            Assert.That(section.Anchor, Is.EqualTo("section-5.2"));
            Assert.That(section.Depth, Is.EqualTo(2));
            Assert.That(section.Body, Does.Contain("FIN:  1 bit"));
        }
    }

    [TestCase("5.2.9", "5.2")]
    [TestCase("7.4.1", "7.4.1")]
    [TestCase("7.4.1.3", "7.4.1")]
    [TestCase("99", null)]
    public void Missing_subsection_leads_to_its_nearest_parent(string number, string? found) =>
        Assert.That(RfcDocument.Bundled["RFC6455"].Find(number)?.Number, Is.EqualTo(found));

    private static readonly string[] SectionsOfTwoPages = ["1", "5", "5.2"];

    // The section numbers listed in the table of contents ("   5.2.  Base Framing Protocol . . .  28").
    private static List<string> Contents(string preamble) =>
        Regex.Matches(preamble, @"^ +(\d+(?:\.\d+)*)\. ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
}
