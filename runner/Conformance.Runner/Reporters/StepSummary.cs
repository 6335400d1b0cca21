using System.Globalization;
using System.Text;
using Conformance.Runner.Gate;
using Conformance.Runner.Output;
using Conformance.Suite.Results;

namespace Conformance.Runner.Reporters;

/// <summary>Appends the <see cref="StepSummary"/> to the file GitHub Actions names in <c>$GITHUB_STEP_SUMMARY</c>.</summary>
internal sealed class StepSummaryReporter(string path) : IReporter
{
    public async Task<ReporterOutcome> WriteAsync(RunReport report, ReportContext context, CancellationToken cancellationToken)
    {
        try
        {
            await File.AppendAllTextAsync(path, StepSummary.Build(report, context.Baseline), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The summary only decorates the CI page; losing it must not change the gate's answer.
            context.Terminal.Warning($"cannot append the step summary to {path}: {e.Message}");
        }

        return ReporterOutcome.Done;
    }
}

/// <summary>
/// The markdown a run appends to <c>$GITHUB_STEP_SUMMARY</c>: verdicts by area, the failing and the non-strict
/// cases with clause and re-run command, and the baseline outcome. Text from a target or a case file is bounded
/// and escaped so it renders as plain text: it can neither break the table nor add links, HTML or code.
/// </summary>
internal static class StepSummary
{
    public const string EnvironmentVariable = "GITHUB_STEP_SUMMARY";

    private const int MaxText = 300;
    private const int MaxCommand = 1000;
    // GitHub caps a step summary at 1 MiB; a few hundred entries per list stay far below it.
    private const int MaxListed = 100;

    public static string Build(RunReport report, BaselineOutcome? baseline)
    {
        var verdicts = Enum.GetValues<Verdict>();
        var run = report.Run;
        var markdown = new StringBuilder();
        var tallies = string.Join(", ", verdicts.Select(v => (v, n: report.Cases.Count(c => c.Verdict == v))).Where(t => t.n > 0).Select(t => $"{t.n} {Verdicts.Word(t.v)}"));
        markdown.Append(CultureInfo.InvariantCulture, $"## Conformance: {(tallies.Length > 0 ? tallies : "no case finished")}{(run.Complete ? "" : " (interrupted: partial results)")}\n\n");
        markdown.Append(CultureInfo.InvariantCulture, $"target {Code(run.Target.Url)}{(run.Target.Server is { } server ? $" (Server: {Text(server)})" : "")} · catalogue {Code(run.Catalogue.Version)} {Code(run.Catalogue.Hash)} · {Text(run.Tool)} · seed {run.Seed} · {report.Cases.Count} cases in {run.DurationMs / 1000:0.0} s\n\n");
        if (SizeLimits.Describe(run) is { } limits)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"size limits: {Text(limits)}\n\n");
        }

        markdown.Append("| area | ").AppendJoin(" | ", verdicts.Select(Verdicts.Word)).Append(" | total |\n");
        markdown.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", verdicts.Length + 1))).Append('\n');
        foreach (var area in report.Cases.GroupBy(c => c.Area))
        {
            markdown.Append(CultureInfo.InvariantCulture, $"| {Text(area.Key)} | ").AppendJoin(" | ", verdicts.Select(v => area.Count(c => c.Verdict == v))).Append(CultureInfo.InvariantCulture, $" | {area.Count()} |\n");
        }

        markdown.Append("| **all** | ").AppendJoin(" | ", verdicts.Select(v => report.Cases.Count(c => c.Verdict == v))).Append(CultureInfo.InvariantCulture, $" | {report.Cases.Count} |\n");

        CaseList(markdown, "Failing (fail, error)", report.Cases.Where(c => c.Verdict is Verdict.Fail or Verdict.Error).ToList());
        CaseList(markdown, "Non-strict (a SHOULD violated)", report.Cases.Where(c => c.Verdict == Verdict.NonStrict).ToList());
        if (baseline is not null)
        {
            Baseline(markdown, baseline);
        }

        return markdown.Append('\n').ToString();
    }

    private static void CaseList(StringBuilder markdown, string heading, List<CaseResult> cases)
    {
        if (cases.Count == 0)
        {
            return;
        }

        markdown.Append(CultureInfo.InvariantCulture, $"\n### {heading}: {cases.Count}\n\n");
        foreach (var result in cases.Take(MaxListed))
        {
            markdown.Append(CultureInfo.InvariantCulture, $"- **{Verdicts.Word(result.Verdict)}** {Code(result.Id)} ({Text(result.Clause)}): {Text(result.Observed)}  \n  re-run: {Code(result.Rerun)}\n");
        }

        More(markdown, cases.Count);
    }

    private static void Baseline(StringBuilder markdown, BaselineOutcome outcome)
    {
        markdown.Append(CultureInfo.InvariantCulture, $"\n### Baseline {Code(outcome.BaselinePath)}: {outcome.Gate.Counts}\n\n");
        markdown.Append(outcome.Gate.Regressed ? "**Regressed**: these cases fail the gate.\n\n" : "No regression.\n\n");
        var changes = outcome.Gate.Sections.SelectMany(s => s.Changes.Select(c => (s.Label, Change: c))).ToList();
        foreach (var (label, change) in changes.Take(MaxListed))
        {
            var clause = change.Clause.Length > 0 ? $" ({Text(change.Clause)})" : "";
            markdown.Append(CultureInfo.InvariantCulture, $"- **{label}** {Code(change.Id)} {GateOutcome.Transition(change)}{clause}\n");
        }

        More(markdown, changes.Count);
        if (changes.Count > 0)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"\nTo accept these verdicts: {Code(outcome.RefreshCommand)}\n");
        }
    }

    private static void More(StringBuilder markdown, int count)
    {
        if (count > MaxListed)
        {
            markdown.Append(CultureInfo.InvariantCulture, $"- … and {count - MaxListed} more (see results.json)\n");
        }
    }

    /// <summary>
    /// One line of plain text: control characters and line breaks become spaces (Terminal.Clean), markdown
    /// punctuation is backslash-escaped and &amp;, &lt;, &gt; become entities, so no HTML, link or table cell starts.
    /// </summary>
    private static string Text(string? text) => string.Concat(Terminal.Clean(text, MaxText).Select(c => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '\\' or '`' or '|' or '*' or '_' or '[' or ']' or '~' or '#' => "\\" + c,
        _ => c.ToString(),
    }));

    /// <summary>A code span whose fence is longer than any run of backticks inside, so the text cannot close it.</summary>
    private static string Code(string text)
    {
        var clean = Terminal.Clean(text, MaxCommand);
        var longest = 0;
        for (int i = 0, run = 0; i < clean.Length; i++)
        {
            run = clean[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = clean.StartsWith('`') || clean.EndsWith('`') ? " " : "";
        return fence + pad + clean + pad + fence;
    }
}
