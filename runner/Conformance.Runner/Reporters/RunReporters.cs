using Conformance.Runner.Commands;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Runner.Reporters;

/// <summary>The reporters a run's settings ask for, in the order their output appears, and running them.</summary>
internal static class RunReporters
{
    /// <summary>
    /// results.json, the console summary, the baseline view, annotations, the step summary, JUnit, the site and the
    /// upload. <paramref name="resultsPath"/> is null when the run writes no files (bench); then only the terminal
    /// and the CI decorations remain. <paramref name="variable"/> is the environment: the step summary's file and the
    /// upload's token.
    /// </summary>
    public static IReadOnlyList<IReporter> For(RunSettings settings, CatalogueSet catalogue, string? resultsPath, Func<string, string?> variable)
    {
        var reporters = new List<IReporter>();
        if (resultsPath is not null)
        {
            reporters.Add(new ResultsJsonReporter(resultsPath));
        }

        reporters.Add(new ConsoleSummaryReporter());
        reporters.Add(new BaselineConsoleReporter());
        if (settings.GitHubAnnotations)
        {
            reporters.Add(new GitHubAnnotationsReporter());
        }

        if (variable(StepSummary.EnvironmentVariable) is { Length: > 0 } stepSummaryPath)
        {
            reporters.Add(new StepSummaryReporter(stepSummaryPath));
        }

        if (settings.JUnit is { } junit)
        {
            reporters.Add(new JUnitReporter(junit));
        }

        if (resultsPath is not null && (settings.Report ?? (settings.DefaultReport ? Path.Combine(Path.GetDirectoryName(resultsPath)!, "report") : null)) is { } site)
        {
            reporters.Add(new SiteReporter(catalogue, site));
        }

        if (resultsPath is not null && settings.Publish is { } service)
        {
            reporters.Add(new PublishReporter(resultsPath, service, variable(PublishCommand.TokenVariable)));
        }

        return reporters;
    }

    /// <summary>Runs every reporter in turn: a failed one does not stop the next (the gate weighs the outcomes).</summary>
    public static async Task<IReadOnlyList<ReporterOutcome>> WriteAllAsync(IReadOnlyList<IReporter> reporters, RunReport report, ReportContext context, CancellationToken cancellationToken)
    {
        var outcomes = new List<ReporterOutcome>(reporters.Count);
        foreach (var reporter in reporters)
        {
            outcomes.Add(await reporter.WriteAsync(report, context, cancellationToken));
        }

        return outcomes;
    }
}
