using Conformance.Suite.Results;

namespace Conformance.Runner.Output;

/// <summary>How each verdict looks on the terminal: its word (the same in every output) and a colour.</summary>
internal static class VerdictStyle
{
    public static string Colour(Verdict verdict) => verdict switch
    {
        Verdict.Pass => "green",
        Verdict.Informational => "blue",
        Verdict.Unimplemented => "grey",
        Verdict.NonStrict => "yellow",
        Verdict.Fail => "red",
        _ => "magenta",
    };

    public static string Markup(Verdict verdict) => $"[{Colour(verdict)}]{Verdicts.Word(verdict)}[/]";
}
