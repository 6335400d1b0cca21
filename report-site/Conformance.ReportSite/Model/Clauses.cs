using System.Globalization;
using System.Text.RegularExpressions;

namespace Conformance.ReportSite.Model;

/// <summary>Turns a clause such as "RFC6455 5.2" into a link to its section in a bundled RFC page.</summary>
public static partial class Clauses
{
    /// <summary>The link, relative to a page at <paramref name="root"/>; null when the RFC is not bundled or the clause is malformed.</summary>
    public static Link? Link(string clause, string root)
    {
        var match = ClausePattern().Match(clause);
        if (!match.Success || !RfcDocument.Bundled.TryGetValue("RFC" + match.Groups[1].Value, out var document))
        {
            return null;
        }

        var section = document.Find(match.Groups[2].Value);
        var text = $"RFC {match.Groups[1].Value} §{match.Groups[2].Value}";
        return new Link(text, section is null ? $"{root}rfc/{document.FileName}" : $"{root}rfc/{document.FileName}#{section.Anchor}");
    }

    /// <summary>The section number of a clause ("5.2"), or null.</summary>
    public static string? Section(string clause) =>
        ClausePattern().Match(clause) is { Success: true } match ? match.Groups[2].Value : null;

    /// <summary>Orders clauses by RFC, then numerically by section ("5.10" after "5.9").</summary>
    public static IComparer<string> DocumentOrder { get; } = Comparer<string>.Create((a, b) =>
    {
        var left = Key(a);
        var right = Key(b);
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            if (left[i] != right[i])
            {
                return left[i].CompareTo(right[i]);
            }
        }

        return left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(a, b);
    });

    /// <summary>An HTML id for a clause on the clause index.</summary>
    public static string Anchor(string clause) =>
        ClausePattern().IsMatch(clause) ? "clause-" + clause.Replace(' ', '-').ToLowerInvariant() : "clause-" + Writing.SafeNames.Hash(clause, 12);

    private static long[] Key(string clause)
    {
        var match = ClausePattern().Match(clause);
        return match.Success
            ? [long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), .. match.Groups[2].Value.Split('.').Select(n => long.Parse(n, CultureInfo.InvariantCulture))]
            : [long.MaxValue];
    }

    [GeneratedRegex(@"^RFC(\d{3,5}) (\d{1,3}(?:\.\d{1,3}){0,6})$")]
    private static partial Regex ClausePattern();
}
