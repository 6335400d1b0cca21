using System.Text.Json;
using Conformance.Runner.Tests.Infrastructure;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Meta;

/// <summary>
/// `run --client chromium`: Debian's Chromium through every client case, against the suite's own server. Chromium's
/// real deviations are pinned here with their clause; every other case must pass (or be recorded, when informational).
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed class ClientChromiumTests
{
    private static readonly Dictionary<string, string> Deviations = new()
    {
        // RFC6455 5.5.1 (a Close body's code is one "defined in Section 7.4") and 7.4.2 ("Status codes in the range
        // 0-999 are not used"): Chromium 156 answers a Close carrying 999 with its own Close 999 (88 82 … 03 e7 on the
        // wire) instead of failing the connection; it rejects 1005 and 1006.
        ["ws.client.close-code-999"] = "fail",
        // RFC6455 8.1 and 7.4.1 (1007 for data inconsistent with the type): Chromium fails invalid UTF-8 text with
        // Close 1002 "Invalid UTF-8 in text frame"; the connection is failed, with the less fitting code.
        ["ws.client.invalid-utf8-text"] = "non-strict",
        ["ws.client.invalid-utf8-across-fragments"] = "non-strict",
    };

    [Test]
    public async Task Chromium_passes_every_client_case_but_its_pinned_deviations()
    {
        var output = Path.Combine(Path.GetTempPath(), "conformance-client-" + Guid.NewGuid().ToString("N"));
        var outcome = await ConformanceCli.RunAsync(["run", "--client", "chromium", "-o", output, "-q"], TimeSpan.FromMinutes(4));
        TestContext.Out.WriteLine(outcome.Output + outcome.Errors);
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        var run = results.RootElement.GetProperty("run");
        var verdicts = results.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("verdict").GetString()!);
        var expected = Repository.Catalogue.Cases.Where(c => c.Kind == CaseKind.Client)
            .ToDictionary(c => c.Id, c => Deviations.GetValueOrDefault(c.Id, c.Level == RequirementLevel.Informational ? "informational" : "pass"));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(1), "a fail exits 1");
            Assert.That(verdicts, Is.EquivalentTo(expected));
            Assert.That(run.GetProperty("target").GetProperty("url").GetString(), Is.EqualTo("client:chromium"));
            Assert.That(run.GetProperty("implementation").GetProperty("name").GetString(), Is.EqualTo("chromium"));
            Assert.That(run.GetProperty("implementation").GetProperty("version").GetString(), Does.Match(@"^\d+\.\d+\.\d+\.\d+$"));
        });
    }

    [TestCase("--client firefox", "--client 'firefox' is not one of chromium")]
    [TestCase("--client chromium --target ws://127.0.0.1:9/", "it takes no --target")]
    [TestCase("--client chromium --cases ws.frame.*", "the selection matches no case")]
    public async Task Client_usage_errors_exit_2(string arguments, string message)
    {
        var outcome = await ConformanceCli.RunAsync(["run", "-q", .. arguments.Split(' ')], TimeSpan.FromMinutes(1));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Output + outcome.Errors);
            Assert.That(outcome.Errors, Does.Contain(message));
        });
    }
}
