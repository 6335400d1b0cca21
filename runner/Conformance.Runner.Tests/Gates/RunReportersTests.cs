using Conformance.Runner.Commands;
using Conformance.Runner.Reporters;
using Conformance.Runner.Tests.Infrastructure;

namespace Conformance.Runner.Tests.Gates;

/// <summary>Which reporters a run's settings ask for, and in which order their output appears.</summary>
[TestFixture]
public sealed class RunReportersTests
{
    private const string Results = "out/run/results.json";

    private static Type[] Kinds(RunSettings settings, string? resultsPath, Dictionary<string, string>? environment = null) =>
        [.. RunReporters.For(settings, Repository.Catalogue, resultsPath, name => environment?.GetValueOrDefault(name)).Select(r => r.GetType())];

    [Test]
    public void A_plain_run_writes_results_json_then_the_console_summary()
    {
        Assert.That(Kinds(new RunSettings(), Results), Is.EqualTo(new[] { typeof(ResultsJsonReporter), typeof(ConsoleSummaryReporter), typeof(BaselineConsoleReporter) }));
    }

    [Test]
    public void Every_output_asked_for_comes_in_the_order_of_the_terminal_lines()
    {
        var settings = new RunSettings { GitHubAnnotations = true, JUnit = "junit.xml", Report = "site", Publish = "http://127.0.0.1:5080" };

        Assert.That(Kinds(settings, Results, new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = "summary.md" }), Is.EqualTo(new[]
        {
            typeof(ResultsJsonReporter), typeof(ConsoleSummaryReporter), typeof(BaselineConsoleReporter), typeof(GitHubAnnotationsReporter),
            typeof(StepSummaryReporter), typeof(JUnitReporter), typeof(SiteReporter), typeof(PublishReporter),
        }));
    }

    [Test]
    public void The_default_job_writes_the_site_beside_results_json_without_report()
    {
        Assert.That(Kinds(new RunSettings { DefaultReport = true }, Results), Does.Contain(typeof(SiteReporter)));
        Assert.That(Kinds(new RunSettings(), Results), Does.Not.Contain(typeof(SiteReporter)));
    }

    [Test]
    public void A_run_that_writes_no_files_keeps_only_the_terminal_and_the_ci_decorations()
    {
        var settings = new RunSettings { DefaultReport = true, Publish = "http://127.0.0.1:5080" };

        Assert.That(Kinds(settings, resultsPath: null, new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = "summary.md" }),
            Is.EqualTo(new[] { typeof(ConsoleSummaryReporter), typeof(BaselineConsoleReporter), typeof(StepSummaryReporter) }));
    }
}
