using Conformance.Suite.Rest;

namespace Conformance.Suite.Tests.Rest;

public sealed class HttpSyntaxTests
{
    [TestCase("Sun, 06 Nov 1994 08:49:37 GMT", true)] // RFC 9110 §5.6.7's own example
    [TestCase("Sunday, 06-Nov-94 08:49:37 GMT", false)] // obsolete RFC 850 form: accepted by recipients, never generated
    [TestCase("Sun Nov  6 08:49:37 1994", false)] // asctime form
    [TestCase("Mon, 06 Nov 1994 08:49:37 GMT", false)] // 6 November 1994 was a Sunday
    [TestCase("-1", false)]
    [TestCase("Sun, 06 Nov 1994 08:49:37 UTC", false)]
    public void Imf_fixdate_is_the_only_generated_form(string text, bool valid) =>
        Assert.That(HttpSyntax.TryParseImfFixdate(text, out _), Is.EqualTo(valid));

    [TestCase("\"xyzzy\"", true)]
    [TestCase("W/\"xyzzy\"", true)]
    [TestCase("\"\"", true)]
    [TestCase("xyzzy", false)]
    [TestCase("w/\"xyzzy\"", false)] // the weakness indicator is case-sensitive (%s"W/")
    [TestCase("\"a\"b\"", false)]
    public void Entity_tags_are_quoted(string text, bool valid) => Assert.That(HttpSyntax.IsEntityTag(text), Is.EqualTo(valid));

    [Test]
    public void Allow_is_a_list_of_method_tokens()
    {
        Assert.That(HttpSyntax.ParseAllow("GET, HEAD,OPTIONS"), Is.EqualTo(new[] { "GET", "HEAD", "OPTIONS" }));
        Assert.That(HttpSyntax.ParseAllow(""), Is.Empty);
        Assert.That(HttpSyntax.ParseAllow("GET, HE AD"), Is.Null);
        Assert.That(HttpSyntax.ParseAllow(null), Is.Null);
    }

    [TestCase("Bearer realm=\"api\", error=\"invalid_token\"", true)]
    [TestCase("Basic realm=\"x\", charset=\"UTF-8\"", true)]
    [TestCase("Negotiate", true)]
    [TestCase("realm=\"api\"", false)]
    [TestCase("\"Bearer\"", false)]
    public void A_challenge_starts_with_its_scheme(string text, bool valid) => Assert.That(HttpSyntax.IsChallenge(text), Is.EqualTo(valid));

    [Test]
    public void The_weak_form_of_a_tag_is_W_slash_once()
    {
        Assert.That(HttpSyntax.Weak("\"a\""), Is.EqualTo("W/\"a\""));
        Assert.That(HttpSyntax.Weak("W/\"a\""), Is.EqualTo("W/\"a\""));
    }
}
