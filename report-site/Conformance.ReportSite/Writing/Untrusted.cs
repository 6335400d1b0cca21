namespace Conformance.ReportSite.Writing;

/// <summary>
/// Bounds text that came from a results file (and so maybe from a target) before it reaches a page. Encoding
/// is the templates' job (Razor encodes every expression); this keeps pages small whatever the input.
/// </summary>
internal static class Untrusted
{
    /// <summary>Longest free text shown in one place (observed, expected, a requirement).</summary>
    public const int MaxText = 4000;
    /// <summary>Longest label (target name, server header, option value).</summary>
    public const int MaxLabel = 200;

    /// <summary>The text cut to <paramref name="max"/> characters with an ellipsis, control characters shown as U+FFFD.</summary>
    public static string Bound(string? text, int max = MaxText)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cut = text.Length > max ? text[..max] + "…" : text;
        return string.Create(cut.Length, cut, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? '\uFFFD' : c;
            }
        });
    }
}
