using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Conformance.ReferenceServer;
using Conformance.Runner.Tests.Cli;
using Conformance.Runner.Tests.Infrastructure;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Gates;

/// <summary>
/// run --baseline, baseline write, --junit and $GITHUB_STEP_SUMMARY as CI runs them: two frame cases against the
/// bundled reference server (both pass) and against a fixture that ignores RSV bits (both fail).
/// </summary>
[TestFixture]
[Category("Cli")]
public sealed class BaselineCliTests
{
    private const string First = "ws.frame.rsv1-on-text";
    private const string Second = "ws.frame.rsv2-on-binary";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private string folder = "";

    private string Written => Path.Combine(folder, "baseline.json");

    private string Edited => Path.Combine(folder, "edited.json");

    private string Out => Path.Combine(folder, "out");

    [OneTimeSetUp]
    public async Task WriteTheBaselineOfAPassingRun()
    {
        folder = Path.Combine(Path.GetTempPath(), $"conformance-gates-{Guid.NewGuid():N}");
        var run = await ConformanceCli.RunAsync(["run", "--cases", First, "--cases", Second, "--out", Path.Combine(folder, "reference"), "--quiet"], Limit);
        var write = await ConformanceCli.RunAsync(["baseline", "write", Path.Combine(folder, "reference", "results.json"), "--out", Written, "--reason", $"{Second}=checked by hand"], Limit);
        Assert.That((run.ExitCode, write.ExitCode), Is.EqualTo((0, 0)), run.Output + run.Errors + write.Output + write.Errors);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    /// <summary>The written baseline with some verdicts replaced (null removes the case), saved as <see cref="Edited"/>.</summary>
    private async Task<string> EditAsync(params (string Id, string? Verdict)[] edits)
    {
        var baseline = JsonNode.Parse(await File.ReadAllTextAsync(Written))!;
        var cases = baseline["cases"]!.AsObject();
        foreach (var (id, verdict) in edits)
        {
            if (verdict is null)
            {
                cases.Remove(id);
            }
            else
            {
                cases[id]!["verdict"] = verdict;
            }
        }

        await File.WriteAllTextAsync(Edited, baseline.ToJsonString());
        return Edited;
    }

    private Task<InProcessOutcome> RunAsync(string? target, string baseline, params string[] cases)
    {
        var arguments = new List<string> { "run", "--baseline", baseline, "--timeout-ms", "300", "--out", Out };
        arguments.AddRange(cases.SelectMany(id => new[] { "--cases", id }));
        if (target is not null)
        {
            arguments.AddRange(["--target", target]);
        }

        return InProcessRunner.RunAsync(arguments);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.TrimEntries);

    [Test]
    public async Task Baseline_write_records_every_verdict_the_catalogue_and_the_reasons()
    {
        var baseline = JsonNode.Parse(await File.ReadAllTextAsync(Written))!;

        Assert.That(baseline["schemaVersion"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(baseline["catalogue"]!["hash"]!.GetValue<string>(), Is.EqualTo(Repository.Catalogue.Hash));
        Assert.That(baseline["writtenAt"], Is.Not.Null);
        Assert.That(baseline["cases"]!.ToJsonString(), Is.EqualTo($$$"""{"{{{First}}}":{"verdict":"pass"},"{{{Second}}}":{"verdict":"pass","reason":"checked by hand"}}"""));
    }

    [Test]
    public async Task The_same_run_against_its_baseline_exits_0()
    {
        var outcome = await RunAsync(null, Written, First, Second);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output + outcome.Errors);
        Assert.That(outcome.Output, Does.Contain($"baseline {Written}: 0 regressions, 0 improvements, 0 other changes, 0 added, 0 removed"));
    }

    [Test]
    public async Task A_case_that_passes_now_but_failed_in_the_baseline_is_an_improvement_and_exits_0()
    {
        var outcome = await RunAsync(null, await EditAsync((First, "fail")), First, Second);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output + outcome.Errors);
        Assert.That(Lines(outcome.Output), Does.Contain($"improvement {First}  fail → pass (RFC6455 5.2)"));
        Assert.That(Lines(outcome.Output), Does.Contain($"to accept these verdicts as the baseline: ./run.sh baseline write {Out}/results.json --out {Edited}"));
    }

    [Test]
    public async Task A_case_that_passed_in_the_baseline_and_fails_now_is_a_regression_and_exits_1()
    {
        await using var fixture = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.IgnoresRsvBits });
        var outcome = await RunAsync(fixture.WebSocketUri.ToString(), Written, First);

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Output + outcome.Errors);
        Assert.That(Lines(outcome.Output), Does.Contain($"regression  {First}  pass → fail (RFC6455 5.2)"));
        Assert.That(Lines(outcome.Output), Does.Contain($"removed     {Second}  was pass"), "the case not run is listed, and is no regression");
    }

    [Test]
    public async Task A_new_case_that_fails_is_a_regression_and_exits_1_while_a_known_failure_is_accepted()
    {
        await using var fixture = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.IgnoresRsvBits });
        var outcome = await RunAsync(fixture.WebSocketUri.ToString(), await EditAsync((First, null), (Second, "fail")), First, Second);

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Output + outcome.Errors);
        Assert.That(Lines(outcome.Output), Does.Contain($"regression  {First}  new → fail (RFC6455 5.2)"));
        Assert.That(outcome.Output, Does.Contain("1 regression, 0 improvements, 0 other changes, 0 added, 0 removed"));
    }

    [Test]
    public async Task A_case_removed_from_the_run_is_listed_and_exits_0()
    {
        var outcome = await RunAsync(null, Written, First);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output + outcome.Errors);
        Assert.That(Lines(outcome.Output), Does.Contain($"removed     {Second}  was pass"));
    }

    [TestCase("{ \"schemaVersion\": 1, \"cases\": ")]
    [TestCase("{ \"schemaVersion\": 99, \"cases\": {} }")]
    [TestCase(null)]
    public async Task A_missing_or_malformed_baseline_exits_2_naming_the_file_before_anything_runs(string? content)
    {
        var path = Path.Combine(folder, $"bad-{Guid.NewGuid():N}.json");
        if (content is not null)
        {
            await File.WriteAllTextAsync(path, content);
        }

        var results = Path.Combine(folder, "never");
        var outcome = await InProcessRunner.RunAsync(["run", "--baseline", path, "--out", results]);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Output + outcome.Errors);
        Assert.That(outcome.Errors, Does.StartWith($"error: baseline file '{path}' "));
        Assert.That(Directory.Exists(results), Is.False);
    }

    [Test]
    public async Task With_GITHUB_STEP_SUMMARY_set_the_summary_is_appended_to_that_file()
    {
        var summary = Path.Combine(folder, "step-summary.md");
        await File.WriteAllTextAsync(summary, "an earlier step\n");
        var outcome = await InProcessRunner.RunAsync(["run", "--cases", First, "--cases", Second, "--baseline", Written, "--out", Out],
            environment: new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = summary });
        var markdown = await File.ReadAllTextAsync(summary);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output + outcome.Errors);
        Assert.That(markdown, Does.StartWith("an earlier step\n## Conformance: 2 pass\n"));
        Assert.That(markdown, Does.Contain("| frame | 2 | 0 | 0 | 0 | 0 | 0 | 2 |").And.Contain($"### Baseline `{Written}`: 0 regressions"));
    }

    [Test]
    public async Task Junit_and_github_annotations_report_every_case_of_a_failing_run()
    {
        await using var fixture = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.IgnoresRsvBits });
        var junit = Path.Combine(folder, "junit", "conformance.xml");
        var outcome = await InProcessRunner.RunAsync(
            ["run", "--target", fixture.WebSocketUri.ToString(), "--cases", First, "--cases", Second, "--timeout-ms", "300", "--out", Out, "--junit", junit, "--annotations", "github"]);
        var root = XDocument.Load(junit).Root!;

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Output + outcome.Errors);
        Assert.That(root.Descendants("testcase").Select(t => (string?)t.Attribute("name")), Is.EquivalentTo(new[] { First, Second }));
        Assert.That(root.Descendants("testcase").Select(t => t.Element("failure")), Is.All.Not.Null);
        Assert.That(((string?)root.Attribute("tests"), (string?)root.Attribute("failures")), Is.EqualTo(("2", "2")));
        Assert.That(Lines(outcome.Output).Where(l => l.StartsWith("::", StringComparison.Ordinal)).Select(l => l[..l.IndexOf("%3A", StringComparison.Ordinal)]),
            Is.EquivalentTo(new[] { $"::error title={First}", $"::error title={Second}" }));
    }

    [Test]
    public async Task An_interrupted_run_with_a_baseline_still_exits_130()
    {
        await using var server = new HostileServer(Hostility.NeverAnswers);
        var outcome = await ConformanceCli.RunAsync(
            ["run", "--target", server.WebSocketUri.ToString(), "--timeout-ms", "400", "--parallel", "1", "--baseline", Written, "--out", Out],
            Limit,
            async process =>
            {
                // The preflight's connection, then one per case (one at a time): a third connection means a case finished.
                await server.WaitForConnectionsAsync(3, Limit);
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill!.WaitForExitAsync();
            });

        Assert.That(outcome.ExitCode, Is.EqualTo(130), outcome.Output + outcome.Errors);
        Assert.That(ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(Out, "results.json"))).Run.Complete, Is.False);
        Assert.That(outcome.Output, Does.Contain($"baseline {Written}: ").And.Contain(" 0 removed"), "cases not reached are not removed");
    }

    [Test]
    public async Task Baseline_write_refuses_a_reason_for_a_case_the_results_do_not_have()
    {
        var outcome = await InProcessRunner.RunAsync(
            ["baseline", "write", Path.Combine(folder, "reference", "results.json"), "--out", Path.Combine(folder, "unused.json"), "--reason", "ws.frame.nothing=because"]);

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Errors, Does.Contain("--reason names 'ws.frame.nothing', which is not a case of results file"));
        Assert.That(File.Exists(Path.Combine(folder, "unused.json")), Is.False);
    }
}
