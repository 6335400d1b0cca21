using Conformance.Runner.Reporters;

namespace Conformance.Runner.Tests.Gates;

/// <summary>--annotations github: one workflow command per broken requirement, escaped so no text can end it.</summary>
[TestFixture]
public sealed class GitHubAnnotationsTests
{
    [TestCase("plain", "plain")]
    [TestCase("100% sure", "100%25 sure")]
    [TestCase("line one\r\nline two\n", "line one%0D%0Aline two%0A")]
    [TestCase("%0A is not a newline", "%250A is not a newline")]
    [TestCase("a: b, c", "a: b, c")]
    public void Message_escaping_encodes_percent_cr_and_lf(string text, string escaped)
    {
        Assert.That(GitHubAnnotations.Data(text), Is.EqualTo(escaped));
    }

    [TestCase("ws.frame.x: fail (RFC6455 5.2, 7.1.7)", "ws.frame.x%3A fail (RFC6455 5.2%2C 7.1.7)")]
    [TestCase("50%\n::", "50%25%0A%3A%3A")]
    public void Property_escaping_also_encodes_colon_and_comma(string text, string escaped)
    {
        Assert.That(GitHubAnnotations.Property(text), Is.EqualTo(escaped));
    }

    [Test]
    public void Fail_and_error_are_errors_and_non_strict_a_warning_one_line_each()
    {
        var lines = GitHubAnnotations.Lines(Samples.OneOfEachVerdict()).ToList();

        Assert.That(lines, Is.EqualTo(new[]
        {
            "::error title=ws.frame.fails%3A fail (RFC6455 5.2)::observed for ws.frame.fails%0Aexpected: the server fails the connection%0Are-run: ./run.sh run --cases ws.frame.fails --seed 6455",
            "::warning title=ws.frame.non-strict%3A non-strict (RFC6455 5.2)::observed for ws.frame.non-strict%0Aexpected: the server fails the connection%0Are-run: ./run.sh run --cases ws.frame.non-strict --seed 6455",
            "::error title=ws.close.errors%3A error (RFC6455 5.2)::observed for ws.close.errors%0Aexpected: the server fails the connection%0Are-run: ./run.sh run --cases ws.close.errors --seed 6455",
        }));
    }

    [Test]
    public void Hostile_observed_text_cannot_start_another_workflow_command()
    {
        var line = GitHubAnnotations.Lines(Samples.OneOfEachVerdict("done\n::set-output name=x::y\r\n::error::forged")).First();

        Assert.That(line, Does.Not.Contain("\n").And.Not.Contain("\r").And.Not.Contain("\u001b"));
        Assert.That(line, Does.StartWith("::error title=ws.frame.fails%3A fail (RFC6455 5.2)::done ::set-output name=x::y? ::error::forged%0Aexpected:"));
    }
}
