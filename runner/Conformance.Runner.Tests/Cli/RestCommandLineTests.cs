using Conformance.Runner.Tests.Infrastructure;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Cli;

/// <summary>The REST side of the command line: profiles, credentials from the environment, --rest-readonly.</summary>
[TestFixture]
[Category("Cli")]
public sealed class RestCommandLineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private static readonly string JsonServerProfile = Path.Combine("fixtures", "json-server", "json-server.profile.yaml");
    private string work = "";

    [SetUp]
    public void CreateFolder() => work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"conformance-rest-{Guid.NewGuid():N}")).FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(work, recursive: true);

    [Test]
    public async Task A_run_against_json_server_writes_rest_results_and_exits_1_on_its_failures()
    {
        await using var server = await ExternalServer.StartJsonServerAsync();
        var outcome = await ConformanceCli.RunAsync(["run", "--target", server.HttpUri.ToString(), "--rest-profile", JsonServerProfile, "--out", work], Limit);

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Output + outcome.Errors);
        var report = ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, "results.json")));
        Assert.That(report.Cases.Select(c => c.Id), Is.EquivalentTo(Repository.RestCases.Select(c => c.Id)));
        var failed = report.Cases.First(c => c.Verdict == Verdict.Fail);
        Assert.That(failed.Rerun, Does.Contain("--rest-profile " + JsonServerProfile).And.Contain("--cases " + failed.Id));
        Assert.That(failed.Wire.Select(w => w.Kind), Does.Contain(WireEventKind.Http), "the exchanges are in the wire log");
        Assert.That(report.Run.Options, Does.ContainKey("restProfile"));
    }

    [Test]
    public async Task Read_only_runs_send_no_unsafe_method()
    {
        await using var server = await ExternalServer.StartJsonServerAsync();
        var outcome = await ConformanceCli.RunAsync(["run", "--target", server.HttpUri.ToString(), "--rest-profile", JsonServerProfile, "--rest-readonly", "--out", work], Limit);
        var report = ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, "results.json")));

        Assert.That(outcome.ExitCode, Is.EqualTo(1), "json-server's header failures are found by safe requests too");
        var sent = report.Cases.SelectMany(c => c.Wire).Where(w => w.Kind == WireEventKind.Http && w.Dir == WireDirection.Out).Select(w => w.Text!.Split(' ')[0]).Distinct();
        Assert.That(sent, Is.SubsetOf(new[] { "GET", "HEAD", "OPTIONS", "CONFORMANCEPROBE" }));
        Assert.That(report.Cases.Where(c => c.Id == "rest.lifecycle.post-creates-201").Select(c => c.Observed), Has.All.Contains("--rest-readonly"));
    }

    [Test]
    public async Task A_bad_profile_missing_credentials_or_a_websocket_target_exit_2_and_say_why()
    {
        var bad = Path.Combine(work, "bad.yaml");
        await File.WriteAllTextAsync(bad, "basePath: /api\nresources:\n  - name: x\n    colour: blue\n");
        var auth = Path.Combine(work, "auth.yaml");
        var profile = await File.ReadAllTextAsync(Path.Combine(Repository.Root, JsonServerProfile));
        await File.WriteAllTextAsync(auth, profile.Replace("features:", "auth:\n  scheme: bearer\n  tokenEnv: CONFORMANCE_TEST_TOKEN_THAT_IS_NOT_SET\nfeatures:", StringComparison.Ordinal));

        var invalid = await ConformanceCli.RunAsync(["run", "--target", "http://127.0.0.1:9/", "--rest-profile", bad], Limit);
        var unset = await ConformanceCli.RunAsync(["run", "--target", "http://127.0.0.1:9/", "--rest-profile", auth], Limit);
        var websocket = await ConformanceCli.RunAsync(["run", "--target", "ws://127.0.0.1:9/", "--rest-profile", auth], Limit);

        Assert.That(invalid.ExitCode, Is.EqualTo(2));
        Assert.That(invalid.Errors, Does.Contain("bad.yaml:4: unknown key 'colour'").And.Contain("'collection' is missing"));
        Assert.That(unset.ExitCode, Is.EqualTo(2));
        Assert.That(unset.Errors, Does.Contain("CONFORMANCE_TEST_TOKEN_THAT_IS_NOT_SET"));
        Assert.That(websocket.ExitCode, Is.EqualTo(2));
        Assert.That(websocket.Errors, Does.Contain("needs an http:// or https:// --target"));
    }
}
