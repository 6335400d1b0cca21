using System.Diagnostics;
using System.Text.Json;
using Conformance.ReferenceServer;
using Conformance.Runner.Tests.Infrastructure;
using Conformance.Suite.Results;
using Json.Schema;

namespace Conformance.Runner.Tests.Cli;

/// <summary>The command line as users and CI run it: exit codes, results.json, redaction, re-runs, Ctrl-C.</summary>
[TestFixture]
[Category("Cli")]
public sealed class CommandLineTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private string outDir = "";

    [SetUp]
    public void CreateOutputFolder() => outDir = Path.Combine(Path.GetTempPath(), $"conformance-cli-{Guid.NewGuid():N}");

    [TearDown]
    public void DeleteOutputFolder()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    private string ResultsPath => Path.Combine(outDir, "results.json");

    private async Task<RunReport> ReadResultsAsync() => ResultsJson.Deserialize(await File.ReadAllTextAsync(ResultsPath));

    [Test]
    public async Task A_passing_run_exits_0_and_writes_results_that_match_the_committed_schema()
    {
        var outcome = await ConformanceCli.RunAsync(["run", "--out", outDir], Limit);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Output + outcome.Errors);
        Assert.That(outcome.Output, Does.Contain("results: " + Path.GetFullPath(ResultsPath)));
        var schema = JsonSchema.FromFile(Path.Combine(Repository.Root, "schemas", "results.schema.json"));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(ResultsPath));
        var evaluation = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.That(evaluation.IsValid, Is.True, string.Join(Environment.NewLine, problems));
        var report = await ReadResultsAsync();
        Assert.That(report.Run.Complete, Is.True);
        // The bundled server runs both catalogues: WebSocket on /echo, REST on /api with the shipped profile.
        Assert.That(report.Cases.Select(c => c.Id), Is.EquivalentTo(Repository.DefaultCases.Concat(Repository.RestCases).Select(c => c.Id)));
        Assert.That(report.Cases.Where(c => c.Verdict is Verdict.Fail or Verdict.Error or Verdict.NonStrict).Select(c => c.Id), Has.All.StartsWith("ws.utf8.fail-fast"));
        Assert.That(report.Run.Catalogue.Hash, Is.EqualTo(Repository.Catalogue.Hash));
        Assert.That(report.Run.Seed, Is.EqualTo(6455));
        Assert.That(report.Run.Options, Does.ContainKey("timeoutMs"));
    }

    [TestCase("run", "--bogus")]
    [TestCase("run", "--target", "ftp://127.0.0.1/")]
    [TestCase("run", "--level", "sometimes")]
    [TestCase("run", "--parallel", "0")]
    [TestCase("run", "--parallel", "many")]
    [TestCase("run", "--max-message", "lots")]
    [TestCase("bench", "--iterations", "0")]
    [TestCase("serve", "--port", "70000")]
    [TestCase("serve-reference", "--defect", "NoSuchDefect")]
    [TestCase("run", "--header", "no colon here")]
    [TestCase("explain", "ws.nothing.like-this")]
    [TestCase("run", "--annotations", "gitlab")]
    [TestCase("baseline", "write", "no-such-results.json", "--out", "b.json")]
    [TestCase("baseline", "write")]
    [TestCase("compare", "only-one.json")]
    public async Task Usage_errors_exit_2(params string[] arguments)
    {
        var outcome = await InProcessRunner.RunAsync(arguments);
        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Output + outcome.Errors);
        Assert.That(outcome.Errors, Does.Contain("error"));
    }

    [Test]
    public async Task A_selection_that_matches_no_case_exits_2()
    {
        var outcome = await InProcessRunner.RunAsync(["run", "--cases", "ws.nothing.*", "--out", outDir]);
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Errors, Does.Contain("matches no case"));
        Assert.That(File.Exists(ResultsPath), Is.False);
    }

    [Test]
    public async Task An_invalid_case_file_exits_2_and_names_file_and_line()
    {
        var custom = Path.Combine(outDir, "custom");
        Directory.CreateDirectory(custom);
        await File.WriteAllTextAsync(Path.Combine(custom, "mine.yaml"), """
            - id: ws.custom.first
              title: A case with a key nobody knows
              requirement: r
              clause: RFC6455 5.2
              level: must
              colour: blue
              wire:
                expect: upgrade-accepted
            """);
        var outcome = await InProcessRunner.RunAsync(["run", "--cases-dir", custom, "--out", outDir]);
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Errors, Does.Contain("mine.yaml:6: unknown key 'colour'"));
    }

    [Test]
    public async Task A_case_pack_in_the_format_before_bodies_exits_2_and_says_where_its_keys_go()
    {
        var custom = Path.Combine(outDir, "custom");
        Directory.CreateDirectory(custom);
        await File.WriteAllTextAsync(Path.Combine(custom, "old.yaml"), """
            - id: ws.custom.old
              title: A case written before bodies
              requirement: r
              clause: RFC6455 5.2
              level: must
              expect: upgrade-accepted
            """);
        var outcome = await ConformanceCli.RunAsync(["run", "--cases-dir", custom, "--out", outDir], Limit);
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Errors, Does.Contain("old.yaml:6: 'ws.custom.old': 'expect' beside the id is the old case format: move it under 'wire:'"));
    }

    [Test]
    public async Task Custom_cases_run_beside_the_catalogue_and_are_marked_custom()
    {
        var custom = Path.Combine(outDir, "custom");
        Directory.CreateDirectory(custom);
        await File.WriteAllTextAsync(Path.Combine(custom, "mine.yaml"), """
            - id: ws.custom.binary-echo
              title: Send 3 bytes and expect them back
              requirement: The echo of an echo server.
              clause: RFC6455 5.6
              level: must
              wire:
                steps:
                  - send: { opcode: binary, payload: { hex: "01 02 03" } }
                  - expect: echo
                expect: exchange
            """);
        var outcome = await ConformanceCli.RunAsync(["run", "--cases-dir", custom, "--cases", "ws.custom.*", "--out", outDir], Limit);
        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.Errors);
        var result = (await ReadResultsAsync()).Cases.Single();
        Assert.That((result.Id, result.Source, result.Verdict), Is.EqualTo(("ws.custom.binary-echo", "custom", Verdict.Pass)));
        Assert.That(result.Rerun, Does.Contain("--cases-dir"));
    }

    [Test]
    public async Task An_unreachable_target_exits_2()
    {
        var outcome = await InProcessRunner.RunAsync(["run", "--target", "ws://127.0.0.1:1/echo", "--out", outDir]);
        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Errors, Does.Contain("cannot be reached"));
    }

    [Test]
    public async Task A_failing_case_exits_1_and_its_rerun_command_reproduces_the_verdict()
    {
        await using var fixture = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.IgnoresRsvBits });
        var outcome = await ConformanceCli.RunAsync(["run", "--target", fixture.WebSocketUri.ToString(), "--area", "frame", "--timeout-ms", "1000", "--out", outDir], Limit);
        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        var failed = (await ReadResultsAsync()).Cases.First(c => c.Verdict == Verdict.Fail);
        Assert.That(failed.Wire, Is.Not.Empty, "a non-passing result carries its wire log");
        Assert.That(failed.Rerun, Does.StartWith($"./run.sh run --cases {failed.Id} --target {fixture.WebSocketUri}"));

        var rerunOut = Path.Combine(outDir, "rerun");
        var arguments = failed.Rerun["./run.sh ".Length..].Split(' ').Concat(["--out", rerunOut]).ToList();
        var again = await ConformanceCli.RunAsync(arguments, Limit);
        var rerun = ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(rerunOut, "results.json")));
        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(rerun.Cases.Select(c => (c.Id, c.Verdict)), Is.EqualTo(new[] { (failed.Id, failed.Verdict) }));
    }

    [Test]
    public async Task Non_strict_exits_0_unless_fail_on_non_strict()
    {
        // A correct 101 to a key that decodes to 8 bytes: a SHOULD is violated, nothing else.
        await using var server = new HostileServer(Hostility.ResetsMidFrame);
        string[] arguments = ["run", "--target", server.WebSocketUri.ToString(), "--cases", "ws.handshake.key-too-short", "--out", outDir];
        var lenient = await InProcessRunner.RunAsync(arguments);
        var strict = await InProcessRunner.RunAsync([.. arguments, "--fail-on", "non-strict"]);
        Assert.That((await ReadResultsAsync()).Cases.Single().Verdict, Is.EqualTo(Verdict.NonStrict));
        Assert.That((lenient.ExitCode, strict.ExitCode), Is.EqualTo((0, 1)));
    }

    [Test]
    public async Task Secrets_given_in_headers_and_the_url_reach_no_output()
    {
        const string bearer = "s3cr3t-bearer-value";
        const string cookie = "c00kie-session-value";
        const string token = "qu3ry-t0ken-value";
        await using var fixture = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Defect = Defect.WrongAcceptKey });
        var target = $"{fixture.WebSocketUri}?token={token}";
        var outcome = await ConformanceCli.RunAsync(
            ["run", "--target", target, "--area", "handshake", "--header", $"Authorization: Bearer {bearer}", "--header", $"Cookie: session={cookie}", "--out", outDir], Limit);
        var json = await File.ReadAllTextAsync(ResultsPath);

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(json, Does.Contain("[redacted]"), "the handshake in the wire log shows where the secrets were");
        foreach (var secret in new[] { bearer, cookie, token })
        {
            Assert.That(json, Does.Not.Contain(secret));
            Assert.That(outcome.Output + outcome.Errors, Does.Not.Contain(secret));
        }
    }

    [Test]
    public async Task A_401_on_the_upgrade_gives_every_case_an_error_naming_it_and_no_escape_sequence_reaches_the_terminal()
    {
        await using var server = new HostileServer(Hostility.Unauthorized);
        var outcome = await ConformanceCli.RunAsync(["run", "--target", server.WebSocketUri.ToString(), "--area", "masking", "--out", outDir], Limit);
        var report = await ReadResultsAsync();

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(report.Cases.Select(c => c.Verdict), Is.All.EqualTo(Verdict.Error));
        Assert.That(report.Cases.Select(c => c.Observed), Is.All.Contains("401").And.All.Contains("--header"));
        Assert.That(outcome.Output, Does.Not.Contain("\u001b").And.Not.Contain("\u0007"));
    }

    [Test]
    public async Task A_404_on_the_upgrade_gives_every_case_an_error_naming_the_path()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions { Port = 0 }, CancellationToken.None);
        var wrongPath = new Uri(server.WebSocketUri, "/no-such-endpoint");
        var outcome = await ConformanceCli.RunAsync(["run", "--target", wrongPath.ToString(), "--area", "masking", "--out", outDir], Limit);
        var report = await ReadResultsAsync();

        Assert.That(outcome.ExitCode, Is.EqualTo(1));
        Assert.That(report.Cases.Select(c => c.Verdict), Is.All.EqualTo(Verdict.Error));
        Assert.That(report.Cases.Select(c => c.Observed), Is.All.Contains("404").And.All.Contains("no WebSocket endpoint").And.All.Contains("/no-such-endpoint"));
    }

    [Test]
    public async Task Ctrl_c_writes_partial_results_marked_incomplete_and_exits_130()
    {
        await using var server = new HostileServer(Hostility.NeverAnswers);
        var outcome = await ConformanceCli.RunAsync(
            ["run", "--target", server.WebSocketUri.ToString(), "--timeout-ms", "400", "--parallel", "1", "--out", outDir],
            Limit,
            async process =>
            {
                // The preflight's connection, then one per case (one at a time): a third connection means a case finished.
                await server.WaitForConnectionsAsync(3, Limit);
                using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill!.WaitForExitAsync();
            });
        var report = await ReadResultsAsync();

        Assert.That(outcome.ExitCode, Is.EqualTo(130), outcome.Errors);
        Assert.That(report.Run.Complete, Is.False);
        Assert.That(report.Cases.Count, Is.InRange(1, Repository.DefaultCases.Count - 1));
    }

    [Test]
    public async Task A_target_that_dies_mid_run_turns_the_remaining_cases_into_errors()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServerOptions());
        // The preflight and ten cases get through; then the port refuses connections.
        await using var proxy = new DyingProxy(server.WebSocketUri, connections: 11);
        var outcome = await ConformanceCli.RunAsync(
            ["run", "--target", proxy.WebSocketUri.ToString(), "--parallel", "1", "--area", "frame", "--out", outDir], Limit);
        var report = await ReadResultsAsync();

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Output + outcome.Errors);
        Assert.That(report.Run.Complete, Is.True);
        Assert.That(report.Cases.Take(10).Select(c => c.Verdict), Is.All.EqualTo(Verdict.Pass), "cases before the death were judged");
        Assert.That(report.Cases.Skip(10).Select(c => c.Observed), Is.All.Contains("target unreachable after 10 cases"));
        Assert.That(report.Cases.Skip(10).Select(c => c.Verdict), Is.All.EqualTo(Verdict.Error));
    }

    [Test]
    public async Task List_prints_every_case_and_explain_prints_the_requirement_and_clause()
    {
        var list = await ConformanceCli.RunAsync(["list"], Limit);
        var explain = await ConformanceCli.RunAsync(["explain", "ws.frame.rsv1-on-text"], Limit);

        Assert.That(list.ExitCode, Is.EqualTo(0));
        Assert.That(Repository.Catalogue.Cases.Select(c => c.Id).Where(id => !list.Output.Contains(id, StringComparison.Ordinal)), Is.Empty);
        Assert.That(explain.ExitCode, Is.EqualTo(0));
        Assert.That(explain.Output, Does.Contain("RFC6455 5.2").And.Contain("MUST be 0 unless an extension is").And.Contain("./run.sh run --cases ws.frame.rsv1-on-text"));
    }
}
