using Conformance.Suite.Results;

namespace Conformance.Suite.Oracles;

/// <summary>
/// Collects the findings of one case run and derives its verdict: the worst finding, where a violation's verdict
/// comes from its requirement level (<see cref="Verdicts.ForViolation"/>). A case with no finding passes.
/// </summary>
public sealed class Judgement
{
    private readonly List<(Verdict Verdict, string Text)> findings = [];
    private readonly List<string> annotations = [];
    private readonly List<string> observations = [];

    /// <summary>Creates a judgement for a case of level <paramref name="caseLevel"/>.</summary>
    public Judgement(RequirementLevel caseLevel) => CaseLevel = caseLevel;

    /// <summary>The level of the case, used by <see cref="Violation(string)"/>.</summary>
    public RequirementLevel CaseLevel { get; }

    /// <summary>Whether the verdict was reached because a deadline passed (such cases are re-run once).</summary>
    public bool DecidedByTimeout { get; set; }

    /// <summary>What the requirement asks for, in words.</summary>
    public string Expected { get; set; } = "";

    /// <summary>The verdict: the worst finding, or pass.</summary>
    public Verdict Verdict => findings.Count == 0 ? Verdict.Pass : findings.Max(f => f.Verdict);

    /// <summary>The case's own requirement is violated.</summary>
    public void Violation(string text) => Add(Verdicts.ForViolation(CaseLevel), text);

    /// <summary>A named rule, whose level is its own, is violated (e.g. the close code, a SHOULD of §7.1.7).</summary>
    public void Violation(Rule rule, string text) => Add(rule.Verdict, text);

    /// <summary>Something that is recorded as the outcome of an informational case.</summary>
    public void Informational(string text) => Add(Verdict.Informational, text);

    /// <summary>The case cannot apply to this target.</summary>
    public void Unimplemented(string text) => Add(Verdict.Unimplemented, text);

    /// <summary>The harness failed.</summary>
    public void Error(string text) => Add(Verdict.Error, text);

    /// <summary>A remark that does not change the verdict.</summary>
    public void Annotate(string text)
    {
        if (!annotations.Contains(text))
        {
            annotations.Add(text);
        }
    }

    /// <summary>A fact about what the target did, in order.</summary>
    public void Observe(string text) => observations.Add(text);

    /// <summary>Annotations so far.</summary>
    public IReadOnlyList<string> Annotations => annotations;

    /// <summary>
    /// The observed text: the findings that decide the verdict first, then what was seen.
    /// </summary>
    public string Observed()
    {
        var deciding = findings.Where(f => f.Verdict == Verdict).Select(f => f.Text);
        var seen = observations.Count == 0 ? "" : string.Join("; ", observations);
        var text = string.Join(" ", deciding.Select(d => d.EndsWith('.') ? d : d + "."));
        return (text.Length == 0 ? seen : seen.Length == 0 ? text : $"{text} Seen: {seen}.").Trim();
    }

    private void Add(Verdict verdict, string text) => findings.Add((verdict, text));
}
