using Conformance.Runner.Tests.Infrastructure;

namespace Conformance.Runner.Tests.Cli;

/// <summary>The report site from the command line: the default job, `report` over several results files, bad input.</summary>
[TestFixture]
[Category("Cli")]
public sealed class ReportCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private string work = "";

    [SetUp]
    public void CreateFolder()
    {
        work = Path.Combine(Path.GetTempPath(), $"conformance-report-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(work, recursive: true);

    [Test]
    public async Task The_default_job_writes_results_and_the_report_and_prints_both_paths()
    {
        var outcome = await ConformanceCli.RunAsync(["--out", Path.Combine(work, "run"), "--area", "frame"], Limit);

        var index = Path.Combine(work, "run", "report", "index.html");
        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output + outcome.Errors);
        Assert.That(outcome.Output, Does.Contain("report: ").And.Contain(index));
        var html = await File.ReadAllTextAsync(index);
        Assert.That(html, Does.Contain("Content-Security-Policy").And.Contain("ws.frame.rsv1-on-text"));
    }

    [Test]
    public async Task Report_puts_every_results_file_in_one_matrix_with_a_column_each()
    {
        foreach (var (name, area) in new[] { ("one", "frame"), ("two", "masking") })
        {
            var run = await ConformanceCli.RunAsync(["run", "--out", Path.Combine(work, name), "--area", area, "--name", $"impl-{name}"], Limit);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output + run.Errors);
        }

        var site = Path.Combine(work, "site");
        var outcome = await ConformanceCli.RunAsync(["report", Path.Combine(work, "one", "results.json"), Path.Combine(work, "two", "results.json"), "--out", site], Limit);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output + outcome.Errors);
        var html = await File.ReadAllTextAsync(Path.Combine(site, "index.html"));
        Assert.That(html, Does.Contain(">impl-one 0.1.0</a></th>").And.Contain(">impl-two 0.1.0</a></th>"));
        Assert.That(Directory.GetDirectories(Path.Combine(site, "targets")), Has.Length.EqualTo(2));
        Assert.That(html, Does.Contain("— not run"), "a case only one target ran shows as not run for the other");

        var again = await ConformanceCli.RunAsync(["report", Path.Combine(work, "one", "results.json"), "--out", site], Limit);
        Assert.That(again.ExitCode, Is.EqualTo(0), "an earlier report is replaced");
        Assert.That(Directory.GetDirectories(Path.Combine(site, "targets")), Has.Length.EqualTo(1), "the earlier report's files are gone");
    }

    [Test]
    public async Task Compare_with_out_writes_both_runs_and_a_diff_page_the_index_links_to()
    {
        foreach (var area in new[] { "frame", "masking" })
        {
            var run = await ConformanceCli.RunAsync(["run", "--out", Path.Combine(work, area), "--area", area], Limit);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output + run.Errors);
        }

        var site = Path.Combine(work, "diff");
        var outcome = await ConformanceCli.RunAsync(["compare", Path.Combine(work, "frame", "results.json"), Path.Combine(work, "masking", "results.json"), "--out", site], Limit);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output + outcome.Errors);
        var diff = Directory.GetFiles(site, "compare-*.html").Single();
        Assert.That(outcome.Output, Does.Contain("diff page: " + diff));
        var html = await File.ReadAllTextAsync(diff);
        Assert.That(html, Does.Contain("Added cases (7)").And.Contain("Removed cases (21)").And.Contain("ws.masking.unmasked-text"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(site, "index.html")), Does.Contain($"href=\"{Path.GetFileName(diff)}\""));
    }

    [Test]
    public async Task Unreadable_results_and_a_foreign_folder_exit_2_and_name_the_problem()
    {
        var malformed = Path.Combine(work, "malformed.json");
        await File.WriteAllTextAsync(malformed, "{\"schemaVersion\": 1, \"run\": ");
        var foreign = Path.Combine(work, "foreign");
        Directory.CreateDirectory(foreign);
        var precious = Path.Combine(foreign, "notes.txt");
        await File.WriteAllTextAsync(precious, "mine");

        var missing = await ConformanceCli.RunAsync(["report", Path.Combine(work, "nope.json"), "--out", Path.Combine(work, "s1")], Limit);
        var broken = await ConformanceCli.RunAsync(["report", malformed, "--out", Path.Combine(work, "s2")], Limit);
        var refused = await ConformanceCli.RunAsync(["run", "--area", "frame", "--out", Path.Combine(work, "r"), "--report", foreign], Limit);

        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Errors, Does.Contain("nope.json").And.Contain("does not exist"));
        Assert.That(broken.ExitCode, Is.EqualTo(2));
        Assert.That(broken.Errors, Does.Contain("malformed.json").And.Contain("is malformed"));
        Assert.That(refused.ExitCode, Is.EqualTo(2), "checked before the run starts");
        Assert.That(refused.Errors, Does.Contain("not empty"));
        Assert.That(Directory.Exists(Path.Combine(work, "r")), Is.False, "nothing ran");
        Assert.That(Directory.GetFileSystemEntries(foreign), Is.EqualTo(new[] { precious }));
    }
}
