using Conformance.Suite.Results;

namespace Conformance.ReportSite.Model;

/// <summary>
/// How a verdict looks on a page: always an icon and the word, with a colour class on top, so no reader depends on
/// colour alone. The words are <see cref="Verdicts.Word"/>, the same as in the terminal, JSON and JUnit.
/// </summary>
public static class VerdictView
{
    /// <summary>Every verdict, best first, for legends and counts.</summary>
    public static IReadOnlyList<Verdict> All { get; } = Enum.GetValues<Verdict>();

    /// <summary>The icon (decorative; the word is always next to it).</summary>
    public static string Icon(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "✓",
        Verdict.Informational => "ℹ",
        Verdict.Unimplemented => "∅",
        Verdict.NonStrict => "≈",
        Verdict.Fail => "✗",
        _ => "⚠",
    };

    /// <summary>The word.</summary>
    public static string Word(Verdict verdict) => Verdicts.Word(verdict);

    /// <summary>The CSS class.</summary>
    public static string Css(Verdict verdict) => "v-" + Verdicts.Word(verdict);

    /// <summary>What the verdict means, for the legend.</summary>
    public static string Meaning(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "the target did what the requirement says",
        Verdict.Informational => "the RFC leaves this open (MAY or unspecified); what happened is recorded",
        Verdict.Unimplemented => "the case needs a capability the target lacks or an option not given; the reason is shown",
        Verdict.NonStrict => "a SHOULD was violated",
        Verdict.Fail => "a MUST was violated",
        _ => "the harness could not run the case; never the target's fault",
    };

    /// <summary>True for the verdicts the failing-only filter keeps.</summary>
    public static bool IsFailing(Verdict verdict) => verdict is Verdict.Fail or Verdict.Error;

    /// <summary>The requirement level as written in the catalogue.</summary>
    public static string Level(RequirementLevel level) => level.ToString().ToLowerInvariant();
}
