namespace Conformance.Runner.Tests.Cli;

/// <summary>Commands run in-process: what they print goes to the writers given, what they read of the environment comes from the host.</summary>
[TestFixture]
[Category("Cli")]
public sealed class InProcessCommandTests
{
    private const string Case = "ws.frame.rsv1-on-text";
    private string folder = "";

    [SetUp]
    public void CreateFolder() => folder = Path.Combine(Path.GetTempPath(), $"conformance-inprocess-{Guid.NewGuid():N}");

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task The_outputs_of_a_run_are_printed_in_reporter_order_after_the_summary()
    {
        var results = Path.Combine(folder, "out", "results.json");
        var junit = Path.Combine(folder, "junit.xml");
        var site = Path.Combine(folder, "site");

        var outcome = await InProcessRunner.RunAsync(["run", "--cases", Case, "--out", Path.Combine(folder, "out"), "--junit", junit, "--report", site]);
        var lines = outcome.Output.Split('\n', StringSplitOptions.TrimEntries);
        int Index(string start) => Array.FindIndex(lines, l => l.StartsWith(start, StringComparison.Ordinal));

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output + outcome.Errors);
        Assert.That(lines, Does.Contain("results: " + results).And.Contain("junit: " + junit));
        Assert.That(new[] { Index("Conformance "), Index("preflight: "), Index("1 cases in "), Index("results: "), Index("junit: "), Index("report: ") }, Is.Ordered.And.All.GreaterThanOrEqualTo(0));
        Assert.That(File.Exists(results) && File.Exists(junit) && File.Exists(Path.Combine(site, "index.html")), Is.True);
    }

    [Test]
    public async Task Publish_reads_its_token_from_the_host_environment_and_an_unreachable_service_exits_2()
    {
        string[] Arguments(string name) => ["run", "--cases", Case, "--out", Path.Combine(folder, name), "--publish", "http://127.0.0.1:1/"];

        var withoutToken = await InProcessRunner.RunAsync(Arguments("without"));
        var withToken = await InProcessRunner.RunAsync(Arguments("with"), new Dictionary<string, string> { ["CONFORMANCE_TOKEN"] = "cfr_test_token" });

        Assert.That(withoutToken.ExitCode, Is.EqualTo(2));
        Assert.That(withoutToken.Errors, Does.Contain("--publish needs an API token in CONFORMANCE_TOKEN"));
        Assert.That(Directory.Exists(Path.Combine(folder, "without")), Is.False, "a doomed upload is refused before the run");
        Assert.That(withToken.ExitCode, Is.EqualTo(2), withToken.Output + withToken.Errors);
        Assert.That(File.Exists(Path.Combine(folder, "with", "results.json")), Is.True, "the run itself ran; only the upload failed");
        Assert.That(withToken.Errors, Does.Contain("cannot reach http://127.0.0.1:1/"));
    }
}
