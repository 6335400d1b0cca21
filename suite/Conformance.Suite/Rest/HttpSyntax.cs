using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.Suite.Rest;

/// <summary>The few RFC 9110 grammars the REST cases check: IMF-fixdate, entity-tag, method tokens.</summary>
public static partial class HttpSyntax
{
    /// <summary>RFC 9110 §5.6.7: "Sun, 06 Nov 1994 08:49:37 GMT", and a real date.</summary>
    public static bool TryParseImfFixdate(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && ImfFixdate().IsMatch(text)
            && DateTimeOffset.TryParseExact(text, "ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>RFC 9110 §8.8.3: entity-tag = [ weak ] opaque-tag; opaque-tag = DQUOTE *etagc DQUOTE.</summary>
    public static bool IsEntityTag(string? text) => text is not null && EntityTag().IsMatch(text);

    /// <summary>RFC 9110 §15.4: the redirection statuses that point elsewhere with Location (301, 302, 303, 307, 308).</summary>
    public static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    /// <summary>The weak form of a tag ("x" → W/"x").</summary>
    public static string Weak(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag : "W/" + tag;

    /// <summary>RFC 9110 §10.2.1: Allow = #method; null when a member is not a token.</summary>
    public static IReadOnlyList<string>? ParseAllow(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var methods = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return methods.All(m => Token().IsMatch(m)) ? methods : null;
    }

    /// <summary>RFC 9110 §11.6.1: a challenge starts with an auth-scheme token, then a space or the end.</summary>
    public static bool IsChallenge(string text) => Challenge().IsMatch(text.Trim());

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+( |$)")]
    private static partial Regex Challenge();

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$")]
    private static partial Regex ImfFixdate();

    [GeneratedRegex("^(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"$")]
    private static partial Regex EntityTag();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex Token();
}
