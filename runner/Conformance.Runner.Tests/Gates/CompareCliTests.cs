using Conformance.Runner.Tests.Cli;
using Conformance.Runner.Tests.Infrastructure;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Gates;

/// <summary>compare A B: a report of what changed between two results files, a gate only when asked.</summary>
[TestFixture]
[Category("Cli")]
public sealed class CompareCliTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    private string folder = "";

    private string Before => Path.Combine(folder, "a.json");

    private string After => Path.Combine(folder, "b.json");

    [OneTimeSetUp]
    public async Task WriteTwoResultsFiles()
    {
        folder = Path.Combine(Path.GetTempPath(), $"conformance-compare-{Guid.NewGuid():N}");
        await ResultsJson.WriteAsync(Samples.Report(
            Samples.Case("ws.frame.worse", Verdict.Pass),
            Samples.Case("ws.frame.better", Verdict.Fail),
            Samples.Case("ws.frame.same", Verdict.NonStrict),
            Samples.Case("ws.frame.other", Verdict.Informational),
            Samples.Case("ws.frame.gone", Verdict.Pass)), Before);
        await ResultsJson.WriteAsync(Samples.Report(
            Samples.Case("ws.frame.worse", Verdict.NonStrict),
            Samples.Case("ws.frame.better", Verdict.Pass),
            Samples.Case("ws.frame.same", Verdict.NonStrict),
            Samples.Case("ws.frame.other", Verdict.Pass),
            Samples.Case("ws.utf8.new-failing", Verdict.Error),
            Samples.Case("ws.utf8.new-passing", Verdict.Pass)), After);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public async Task Compare_lists_every_change_by_kind_with_counts_and_exits_0()
    {
        var outcome = await InProcessRunner.RunAsync(["compare", Before, After]);
        var changes = outcome.Output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.Contains("ws.", StringComparison.Ordinal) && !l.StartsWith("A:", StringComparison.Ordinal) && !l.StartsWith("B:", StringComparison.Ordinal));

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output + outcome.Errors);
        Assert.That(changes, Is.EqualTo(new[]
        {
            "regression  ws.frame.worse  pass → non-strict (RFC6455 5.2)",
            "regression  ws.utf8.new-failing  new → error (RFC6455 5.2)",
            "improvement ws.frame.better  fail → pass (RFC6455 5.2)",
            "changed     ws.frame.other  informational → pass (RFC6455 5.2)",
            "added       ws.utf8.new-passing  new → pass (RFC6455 5.2)",
            "removed     ws.frame.gone  was pass (RFC6455 5.2)",
        }));
        Assert.That(outcome.Output, Does.Contain("A → B: 2 regressions, 1 improvement, 1 other change, 1 added, 1 removed"));
    }

    [Test]
    public async Task Fail_on_regression_exits_1_when_B_regressed_and_0_when_it_did_not()
    {
        var regressed = await ConformanceCli.RunAsync(["compare", Before, After, "--fail-on-regression"], Limit);
        var same = await ConformanceCli.RunAsync(["compare", After, After, "--fail-on-regression"], Limit);

        Assert.That((regressed.ExitCode, same.ExitCode), Is.EqualTo((1, 0)), regressed.Output + same.Output);
        Assert.That(same.Output, Does.Contain("A → B: 0 regressions, 0 improvements, 0 other changes, 0 added, 0 removed"));
    }

    [TestCase("missing.json", null, "does not exist")]
    [TestCase("malformed.json", "{ \"schemaVersion\": 1, \"run\": ", "is malformed")]
    [TestCase("future.json", "{ \"schemaVersion\": 2, \"run\": {}, \"cases\": [] }", "has schemaVersion 2; this conformance reads schemaVersion 1")]
    [TestCase("nulls.json", "{ \"schemaVersion\": 1, \"run\": null, \"cases\": [] }", "is malformed")]
    public async Task Bad_input_exits_2_with_a_message_naming_the_file(string name, string? content, string message)
    {
        var path = Path.Combine(folder, name);
        if (content is not null)
        {
            await File.WriteAllTextAsync(path, content);
        }

        var outcome = await InProcessRunner.RunAsync(["compare", Before, path]);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Output + outcome.Errors);
        Assert.That(outcome.Errors, Does.StartWith($"error: results file '{path}' ").And.Contain(message));
    }
}
