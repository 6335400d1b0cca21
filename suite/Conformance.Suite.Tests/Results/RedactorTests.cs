using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Results;

/// <summary>Secrets given to a run never reach an output.</summary>
[TestFixture]
public sealed class RedactorTests
{
    private static readonly Uri PlainTarget = new("ws://127.0.0.1:9001/echo");

    [Test]
    public void Authorization_header_value_and_its_credentials_are_redacted()
    {
        var redactor = Redactor.For(PlainTarget, [("Authorization", "Bearer eyJhbGciOi.secret-part")]);

        Assert.Multiple(() =>
        {
            Assert.That(redactor.Apply("Authorization: Bearer eyJhbGciOi.secret-part"), Is.EqualTo("Authorization: [redacted]"));
            Assert.That(redactor.Apply("token eyJhbGciOi.secret-part seen"), Is.EqualTo("token [redacted] seen"));
        });
    }

    [Test]
    public void Sensitive_header_names_are_matched_case_insensitively()
    {
        var redactor = Redactor.For(PlainTarget, [(" authorization ", "Basic dXNlcjpwYXNz"), ("X-API-KEY", "k-123456")]);

        Assert.That(redactor.Apply("Basic dXNlcjpwYXNz / k-123456"), Is.EqualTo("[redacted] / [redacted]"));
    }

    [Test]
    public void Cookie_value_and_each_cookie_value_are_redacted()
    {
        var redactor = Redactor.For(PlainTarget, [("Cookie", "session=abc123def; theme=darkmode")]);

        Assert.Multiple(() =>
        {
            Assert.That(redactor.Apply("Cookie: session=abc123def; theme=darkmode"), Is.EqualTo("Cookie: [redacted]"));
            Assert.That(redactor.Apply("echoed abc123def"), Is.EqualTo("echoed [redacted]"));
            Assert.That(redactor.Apply("session=abc123def"), Is.EqualTo("session=[redacted]"));
        });
    }

    [Test]
    public void A_secret_inside_the_mask_word_does_not_damage_the_mask()
    {
        Assert.That(new Redactor(["longsecret", "red"]).Apply("x longsecret red"), Is.EqualTo("x [redacted] [redacted]"));
    }

    [Test]
    public void Percent_encoded_password_in_the_url_is_redacted_in_both_forms()
    {
        var redactor = Redactor.For(new Uri("ws://alice:p%40ssw0rd@127.0.0.1:9001/"), []);

        Assert.That(redactor.Apply("p%40ssw0rd and p@ssw0rd"), Does.Not.Contain("ssw0rd"));
    }

    [Test]
    public void Values_of_unrelated_headers_are_kept()
    {
        var redactor = Redactor.For(PlainTarget, [("Origin", "http://example.com"), ("X-Trace", "trace-42")]);

        const string text = "Origin: http://example.com\r\nX-Trace: trace-42";
        Assert.That(redactor.Apply(text), Is.EqualTo(text));
    }

    [Test]
    public void Query_token_value_is_redacted_and_other_query_values_kept()
    {
        var target = new Uri("ws://127.0.0.1:9001/echo?room=lobby&token=s3cr3t-value");
        var redactor = Redactor.For(target, []);

        Assert.That(redactor.Apply(target.ToString()), Is.EqualTo("ws://127.0.0.1:9001/echo?room=lobby&token=[redacted]"));
    }

    [Test]
    public void Escaped_query_token_is_redacted_in_both_escaped_and_unescaped_forms()
    {
        var target = new Uri("ws://h/x?access_token=a%2Bb%3Dc");
        var redactor = Redactor.For(target, []);

        Assert.Multiple(() =>
        {
            Assert.That(redactor.Apply("?access_token=a%2Bb%3Dc"), Is.EqualTo("?access_token=[redacted]"));
            Assert.That(redactor.Apply("value a+b=c"), Is.EqualTo("value [redacted]"));
        });
    }

    [Test]
    public void Query_key_matching_is_case_insensitive()
    {
        var redactor = Redactor.For(new Uri("ws://h/x?API_KEY=abcdef"), []);

        Assert.That(redactor.Apply("API_KEY=abcdef"), Is.EqualTo("API_KEY=[redacted]"));
    }

    [Test]
    public void User_info_of_the_target_is_redacted_and_the_password_alone_too()
    {
        var target = new Uri("ws://alice:hunter22@example.com/chat");
        var redactor = Redactor.For(target, []);

        Assert.Multiple(() =>
        {
            Assert.That(redactor.Apply("ws://alice:hunter22@example.com/chat"), Is.EqualTo("ws://[redacted]@example.com/chat"));
            Assert.That(redactor.Apply("password hunter22"), Is.EqualTo("password [redacted]"));
        });
    }

    [Test]
    public void Text_without_secrets_is_untouched()
    {
        var redactor = Redactor.For(new Uri("ws://u:pw-secret@h/x?token=tok-secret"), [("Authorization", "Bearer bearer-secret")]);

        const string text = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n";
        Assert.That(redactor.Apply(text), Is.EqualTo(text));
    }

    [Test]
    public void Redactor_None_changes_nothing()
    {
        Assert.That(Redactor.None.Apply("Authorization: Bearer x"), Is.EqualTo("Authorization: Bearer x"));
    }

    [Test]
    public void Longest_secret_is_replaced_first_so_no_fragment_of_it_remains()
    {
        var redactor = new Redactor(["abc", "abcdef"]);

        Assert.That(redactor.Apply("xx abcdef yy abc"), Is.EqualTo("xx [redacted] yy [redacted]"));
    }

    [Test]
    public void Secrets_shorter_than_three_characters_are_ignored_to_keep_text_readable()
    {
        var redactor = new Redactor(["ab"]);

        Assert.That(redactor.Apply("about abc"), Is.EqualTo("about abc"));
    }

    [Test]
    public void Every_occurrence_of_a_secret_is_replaced()
    {
        var redactor = new Redactor(["p4ss"]);

        Assert.That(redactor.Apply("p4ss p4ss-p4ss"), Is.EqualTo("[redacted] [redacted]-[redacted]"));
    }
}
