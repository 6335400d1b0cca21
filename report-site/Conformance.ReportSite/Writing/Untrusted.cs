using System.Globalization;
using System.Text;

namespace Conformance.ReportSite.Writing;

/// <summary>
/// Bounds text that came from a results file (and so maybe from a target) before it reaches a page. Encoding
/// is the templates' job (Razor encodes every expression); this keeps pages small whatever the input, and
/// keeps characters that change how the page reads from working in the reader's eyes.
/// </summary>
internal static class Untrusted
{
    /// <summary>Longest free text shown in one place (observed, expected, a requirement).</summary>
    public const int MaxText = 4000;
    /// <summary>Longest label (target name, server header, option value).</summary>
    public const int MaxLabel = 200;

    /// <summary>
    /// The text cut to <paramref name="max"/> characters with an ellipsis; control characters shown as U+FFFD, and
    /// bidirectional overrides and isolates (which can make "fdp.exe" read as "exe.pdf") shown as "[U+202E]".
    /// </summary>
    public static string Bound(string? text, int max = MaxText)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cut = text.Length > max;
        var shown = new StringBuilder(Math.Min(text.Length, max) + 1);
        foreach (var c in cut ? text.AsSpan(0, max) : text.AsSpan())
        {
            if (IsBidiControl(c))
            {
                shown.Append("[U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                shown.Append(char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? '\uFFFD' : c);
            }
        }

        return cut ? shown.Append('…').ToString() : shown.ToString();
    }

    // Unicode's explicit directional formatting characters (UAX #9, section 2).
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
