using Conformance.ReportSite.Writing;

namespace Conformance.ReportSite.Tests.Unit;

public sealed class UntrustedTests
{
    [TestCase("\u0000", "\uFFFD")]
    [TestCase("red \u001b[31m text", "red \uFFFD[31m text")]
    [TestCase("a\u007fb\u0085c", "a\uFFFDb\uFFFDc")]
    [TestCase("line\nnext\r\n\tindented", "line\nnext\r\n\tindented")]
    [TestCase("<script>alert(1)</script>", "<script>alert(1)</script>")]
    public void Control_characters_become_replacement_characters(string text, string shown) =>
        Assert.That(Untrusted.Bound(text), Is.EqualTo(shown));

    [TestCase("invoice\u202Efdp.exe", "invoice[U+202E]fdp.exe")]
    [TestCase("a\u2066b\u2069c\u200Fd\u061C", "a[U+2066]b[U+2069]c[U+200F]d[U+061C]")]
    public void Bidirectional_controls_are_shown_instead_of_reordering_the_text(string text, string shown) =>
        Assert.That(Untrusted.Bound(text), Is.EqualTo(shown));

    [Test]
    public void Missing_text_is_empty()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Untrusted.Bound(null), Is.Empty);
            Assert.That(Untrusted.Bound(""), Is.Empty);
        }
    }

    [Test]
    public void Long_text_is_cut_with_an_ellipsis()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Untrusted.Bound(new string('a', Untrusted.MaxText)), Has.Length.EqualTo(Untrusted.MaxText), "at the limit nothing is cut");
            Assert.That(Untrusted.Bound(new string('a', 5 * Untrusted.MaxText)), Is.EqualTo(new string('a', Untrusted.MaxText) + "…"));
            Assert.That(Untrusted.Bound("abcdefghijkl", 10), Is.EqualTo("abcdefghij…"));
            Assert.That(Untrusted.Bound(new string('\u0001', 300), Untrusted.MaxLabel), Is.EqualTo(new string('\uFFFD', Untrusted.MaxLabel) + "…"));
        }
    }
}
