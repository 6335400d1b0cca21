using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Conformance.ReportSite.Writing;

/// <summary>
/// File names and HTML ids of the site. They come from case ids (when those are plain) and from hashes, never
/// from free text in a results file: a hostile id such as "../x" or "a b" becomes a hash.
/// </summary>
internal static partial class SafeNames
{
    private const int MaxNameLength = 120;

    /// <summary>The file stem (and anchor) for a case id.</summary>
    public static string ForCase(string caseId) =>
        PlainName().IsMatch(caseId) && caseId.Length <= MaxNameLength && !caseId.Contains("..", StringComparison.Ordinal)
            ? caseId
            : "case-" + Hash(caseId, 16);

    /// <summary>An HTML id or class fragment for an area name.</summary>
    public static string ForArea(string area) =>
        AreaName().IsMatch(area) && area.Length <= 40 ? area : "area-" + Hash(area, 12);

    /// <summary>The first <paramref name="hexChars"/> hex digits of SHA-256 over the text.</summary>
    public static string Hash(string text, int hexChars) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..hexChars];

    /// <summary>True for "a/b/c.html"-style paths made only of plain names.</summary>
    public static bool IsPlainRelativePath(string relative) =>
        relative.Length is > 0 and < 400 && relative.Split('/').All(segment => PlainName().IsMatch(segment) && segment is not ("." or ".."));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex PlainName();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex AreaName();
}
