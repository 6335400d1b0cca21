using Conformance.ReportService.Tests.Infrastructure;

namespace Conformance.ReportService.Tests;

/// <summary>`publish` and `reports token` as users run them: one clear line per refusal, and the exit codes.</summary>
[NonParallelizable]
public sealed class PublishCliTests
{
    private ServiceHarness _service = null!;
    private string _folder = null!;
    private string _results = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _service = await ServiceHarness.StartAsync(StoreKind.Sqlite);
        _folder = Directory.CreateTempSubdirectory("publish-").FullName;
        _results = Path.Combine(_folder, "results.json");
        await File.WriteAllTextAsync(_results, Samples.Json(Samples.Report("ws")));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Publish_prints_the_runs_URL()
    {
        var outcome = await PublishAsync(_results, "uploader");

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Errors);
        var url = new Uri(outcome.Output.Trim());
        Assert.That(url.AbsolutePath, Does.StartWith("/api/v1/runs/"));
        using var run = await _service.Client.GetAsync(url);
        Assert.That(run.IsSuccessStatusCode, Is.True);
    }

    [TestCase("cfr_000000000000_nope", "401", TestName = "Publish with a wrong token says 401")]
    [TestCase("revoked", "401", TestName = "Publish with a revoked token says 401")]
    [TestCase("ws-only:other", "403", TestName = "Publish out of scope says 403")]
    [TestCase("uploader:invalid", "422", TestName = "Publish of a schema-invalid file says 422")]
    [TestCase("uploader:huge", "413", TestName = "Publish of an oversize file says 413")]
    public async Task A_refused_publish_exits_1_with_one_line(string how, string status)
    {
        var (token, variant) = how.Split(':') is [var t, var v] ? (t, v) : (how, "");
        var file = variant switch
        {
            "other" => await WriteAsync(Samples.Json(Samples.Report("uWebSockets"))),
            "invalid" => await WriteAsync(Samples.Json().Replace("\"complete\": true", "\"complete\": \"yes\"", StringComparison.Ordinal)),
            // Random text does not compress, so it is over the 256 KiB limit on the wire too.
            "huge" => await WriteAsync(Samples.Json(Samples.Report(observed: Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(600 * 1024))))),
            _ => _results,
        };

        var outcome = await PublishAsync(file, token);

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.Output + outcome.Errors);
        Assert.That(outcome.Errors.Trim().Split('\n'), Has.Length.EqualTo(1).And.One.StartWith("error: ").And.One.Contains($"({status}"));
        Assert.That(outcome.Errors, Does.Not.Contain(_service.Tokens.GetValueOrDefault(token, token)), "the token is never printed");
    }

    [Test]
    public async Task Publish_without_a_token_variable_is_a_usage_error()
    {
        var outcome = await ConformanceCli.RunAsync(["publish", _results, "--server", _service.Service.BaseUri.ToString()]);

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Errors, Does.Contain("CONFORMANCE_TOKEN"));
    }

    [Test]
    public async Task Publish_to_an_unreachable_server_exits_2()
    {
        var outcome = await ConformanceCli.RunAsync(["publish", _results, "--server", "http://127.0.0.1:1"], environment: new Dictionary<string, string> { ["CONFORMANCE_TOKEN"] = _service.Tokens["uploader"] });

        Assert.That(outcome.ExitCode, Is.EqualTo(2));
        Assert.That(outcome.Errors, Does.StartWith("error: cannot reach http://127.0.0.1:1/"));
    }

    [Test]
    public async Task Token_create_prints_the_token_once_and_revoke_ends_it()
    {
        var data = Path.Combine(_folder, "data");
        var created = await ConformanceCli.RunAsync(["reports", "token", "create", "--name", "release-bot", "--implementation", "ws", "--data", data]);
        var again = await ConformanceCli.RunAsync(["reports", "token", "create", "--name", "release-bot", "--data", data]);
        var revoked = await ConformanceCli.RunAsync(["reports", "token", "revoke", "--name", "release-bot", "--data", data]);
        var revokedTwice = await ConformanceCli.RunAsync(["reports", "token", "revoke", "--name", "release-bot", "--data", data]);

        Assert.That(created.ExitCode, Is.Zero, created.Errors);
        Assert.That(created.Output.Trim(), Does.Match("^cfr_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$"));
        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(again.Errors, Does.Contain("exists already"));
        Assert.That(revoked.ExitCode, Is.Zero, revoked.Errors);
        Assert.That(revokedTwice.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public async Task Serve_reports_stops_on_SIGTERM()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite);
        using var server = await ServeProcess.StartAsync(store);

        Assert.That(await server.TerminateAsync(), Is.Zero);
    }

    [TestCase("--uploads-per-minute", "0")]
    [TestCase("--page-cache-mb", "0")]
    [TestCase("--page-cache-mb", "lots")]
    public async Task Serve_reports_refuses_an_out_of_range_limit(string option, string value)
    {
        var outcome = await ConformanceCli.RunAsync(["serve-reports", "--urls", "http://127.0.0.1:0", "--data", Path.Combine(_folder, "unused"), option, value]);

        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Output + outcome.Errors);
        Assert.That(outcome.Errors, Does.Contain(option));
    }

    [Test]
    public async Task Run_with_publish_uploads_the_results_it_wrote()
    {
        var output = Path.Combine(_folder, "run-publish");
        var outcome = await ConformanceCli.RunAsync(
            ["run", "--cases", "ws.frame.*", "-o", output, "-q", "--name", "published-by-run", "--publish", _service.Service.BaseUri.ToString()],
            environment: new Dictionary<string, string> { ["CONFORMANCE_TOKEN"] = _service.Tokens["uploader"] });
        using var listed = await _service.Client.GetAsync("api/v1/runs?implementation=published-by-run");
        var body = await listed.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.Zero, outcome.Output + outcome.Errors);
            Assert.That(outcome.Output, Does.Contain("/api/v1/runs/"));
            Assert.That(File.Exists(Path.Combine(output, "results.json")));
            Assert.That(body, Does.Contain("published-by-run"));
        });
    }

    [Test]
    public async Task Run_with_publish_and_no_token_is_a_usage_error_before_the_run()
    {
        var output = Path.Combine(_folder, "run-no-token");
        var outcome = await ConformanceCli.RunAsync(["run", "--cases", "ws.frame.*", "-o", output, "-q", "--publish", _service.Service.BaseUri.ToString()]);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2));
            Assert.That(outcome.Errors, Does.Contain("--publish needs an API token in CONFORMANCE_TOKEN"));
            Assert.That(Directory.Exists(output), Is.False, "nothing ran");
        });
    }

    private Task<CliOutcome> PublishAsync(string file, string token) =>
        ConformanceCli.RunAsync(["publish", file, "--server", _service.Service.BaseUri.ToString()], environment: new Dictionary<string, string> { ["CONFORMANCE_TOKEN"] = _service.Tokens.GetValueOrDefault(token, token) });

    private async Task<string> WriteAsync(string json)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }
}
