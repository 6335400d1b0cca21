using Conformance.Runner.Output;
using Conformance.Suite.Results;

namespace Conformance.Runner.Reporters;

/// <summary><c>--annotations github</c> on standard output, where GitHub Actions reads workflow commands.</summary>
internal sealed class GitHubAnnotationsReporter : IReporter
{
    public Task<ReporterOutcome> WriteAsync(RunReport report, ReportContext context, CancellationToken cancellationToken)
    {
        foreach (var line in GitHubAnnotations.Lines(report))
        {
            context.Terminal.Raw(line);
        }

        return Task.FromResult(ReporterOutcome.Done);
    }
}

/// <summary>
/// <c>--annotations github</c>: one workflow command per case that broke a requirement — <c>::error</c> for fail
/// and error, <c>::warning</c> for non-strict — which GitHub Actions shows on the run's summary page.
/// </summary>
internal static class GitHubAnnotations
{
    private const int MaxText = 400;

    public static IEnumerable<string> Lines(RunReport report) =>
        from result in report.Cases
        where Verdicts.Rank(result.Verdict) > 0
        let command = result.Verdict == Verdict.NonStrict ? "warning" : "error"
        let title = $"{Terminal.Clean(result.Id, MaxText)}: {Verdicts.Word(result.Verdict)} ({Terminal.Clean(result.Clause, MaxText)})"
        // Target text is flattened to one line by Clean; the line breaks here are ours, escaped below.
        let message = $"{Terminal.Clean(result.Observed, MaxText)}\nexpected: {Terminal.Clean(result.Expected, MaxText)}\nre-run: {Terminal.Clean(result.Rerun, MaxText)}"
        select $"::{command} title={Property(title)}::{Data(message)}";

    /// <summary>GitHub's escaping of a command's message: % first, then CR and LF, so no text can end the command.</summary>
    public static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>The escaping of a property value: as <see cref="Data"/>, and : and , which separate properties.</summary>
    public static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
