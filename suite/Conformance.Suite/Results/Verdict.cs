namespace Conformance.Suite.Results;

/// <summary>
/// The one verdict scale, shown with the same words everywhere (terminal, JSON, JUnit, report).
/// Declared from best to worst so that the worst of several findings is the maximum.
/// </summary>
public enum Verdict
{
    /// <summary>The target did what the requirement says.</summary>
    Pass,
    /// <summary>The spec leaves the behaviour open (MAY or unspecified); what happened is recorded.</summary>
    Informational,
    /// <summary>A capability the case needs is missing (e.g. the target does not echo); the reason is given.</summary>
    Unimplemented,
    /// <summary>A SHOULD was violated.</summary>
    NonStrict,
    /// <summary>A MUST was violated.</summary>
    Fail,
    /// <summary>The harness could not run the case; never the target's fault.</summary>
    Error,
}

/// <summary>The requirement level of a case or of one check (RFC 2119).</summary>
public enum RequirementLevel
{
    /// <summary>MUST / MUST NOT / REQUIRED.</summary>
    Must,
    /// <summary>SHOULD / SHOULD NOT / RECOMMENDED.</summary>
    Should,
    /// <summary>MAY / OPTIONAL.</summary>
    May,
    /// <summary>Behaviour the spec does not constrain; recorded, never judged.</summary>
    Informational,
}

/// <summary>The single place where a violated requirement level becomes a verdict.</summary>
public static class Verdicts
{
    /// <summary>MUST → fail, SHOULD → non-strict, MAY or unspecified → informational.</summary>
    public static Verdict ForViolation(RequirementLevel level) => level switch
    {
        RequirementLevel.Must => Verdict.Fail,
        RequirementLevel.Should => Verdict.NonStrict,
        _ => Verdict.Informational,
    };

    /// <summary>
    /// How much a verdict counts against a target, for baselines and comparisons: 0 for pass, informational and
    /// unimplemented (nothing required was broken), 1 for non-strict (a SHOULD), 2 for fail and error (a MUST, or
    /// a case the harness could not vouch for). A verdict of higher rank than before is a regression.
    /// </summary>
    public static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Pass or Verdict.Informational or Verdict.Unimplemented => 0,
        Verdict.NonStrict => 1,
        _ => 2,
    };

    /// <summary>The word used in every output: pass, non-strict, informational, unimplemented, fail, error.</summary>
    public static string Word(Verdict verdict) => verdict switch
    {
        Verdict.NonStrict => "non-strict",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    /// <summary>The inverse of <see cref="Word"/>.</summary>
    public static bool TryParse(string word, out Verdict verdict)
    {
        foreach (var candidate in Enum.GetValues<Verdict>())
        {
            if (Word(candidate) == word)
            {
                verdict = candidate;
                return true;
            }
        }

        verdict = default;
        return false;
    }
}
