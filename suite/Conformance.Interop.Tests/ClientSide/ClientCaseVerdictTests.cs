using System.Diagnostics;
using Conformance.Suite.Results;

namespace Conformance.Interop.Tests.ClientSide;

/// <summary>
/// The client cases against real clients, each deviation pinned with its clause, and against a client that ignores
/// every error, which they must catch: the meta-tests of the client side.
/// </summary>
[Category("Interop")]
public sealed class ClientCaseVerdictTests
{
    // The permissive client must fail at least this many cases, so the cases are shown to detect something.
    private const int MinimumPermissiveFailures = 20;

    /// <summary>.NET ClientWebSocket's real deviations: case → (verdict, clause, why).</summary>
    private static readonly Dictionary<string, (Verdict Verdict, string Clause, string Why)> ClientWebSocketDeviations = new()
    {
        ["ws.client.extension-not-offered"] = (Verdict.Fail, "RFC6455 4.1",
            "without DangerousDeflateOptions it ignores a Sec-WebSocket-Extensions header it never requested: the connection opens and the message is echoed"),
        // §7.1.5 defines the reported code and states no MUST: a SHOULD-level case.
        ["ws.client.close-empty-reported-1005"] = (Verdict.NonStrict, "RFC6455 7.1.5",
            "a Close without a body is reported as CloseStatus NormalClosure (1000), where the close code is \"considered to be 1005\""),
    };

    /// <summary>npm ws 8.18.3's real deviations: none; every client case passes.</summary>
    private static readonly Dictionary<string, (Verdict Verdict, string Clause, string Why)> NpmWsDeviations = [];

    [Test]
    public async Task Client_cases_against_ClientWebSocket_give_the_pinned_verdicts()
    {
        await using var server = await ClientCaseHost.StartAsync();
        var results = await ClientCaseHost.RunAllAsync(server, "clientwebsocket", ClientWebSocketDriver.RunCaseAsync, parallel: 4);
        AssertPinned(results, ClientWebSocketDeviations);
    }

    [Test]
    public async Task Client_cases_against_npm_ws_give_the_pinned_verdicts()
    {
        await using var server = await ClientCaseHost.StartAsync();
        var driver = Path.Combine(Repository.Root, "fixtures", "ws", "client-driver.js");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(driver);
        info.ArgumentList.Add(server.BaseUri.ToString().TrimEnd('/'));
        info.ArgumentList.Add("npm-ws");
        using var node = Process.Start(info)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await node.WaitForExitAsync(limit.Token);
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }
        }

        Assert.That(node.ExitCode, Is.Zero, $"the driver failed: {await errors}\n{await output}");
        Assert.That((await output).Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(server.Cases.Count), "one line per case");
        var results = new Dictionary<string, CaseResult>();
        foreach (var definition in server.Cases)
        {
            results[definition.Id] = await server.ResultAsync("npm-ws", definition.Id, limit.Token);
        }

        AssertPinned(results, NpmWsDeviations);
    }

    [Test]
    public async Task The_permissive_client_fails_at_least_20_client_cases()
    {
        await using var server = await ClientCaseHost.StartAsync();
        var results = await ClientCaseHost.RunAllAsync(server, "permissive", PermissiveClient.RunCaseAsync, parallel: 8);
        var failed = results.Values.Where(r => r.Verdict == Verdict.Fail).ToList();
        TestContext.Out.WriteLine($"the permissive client fails {failed.Count} of {results.Count} cases:\n{ClientCaseHost.Describe(failed)}");
        Assert.Multiple(() =>
        {
            Assert.That(failed, Has.Count.GreaterThanOrEqualTo(MinimumPermissiveFailures), ClientCaseHost.Describe(results.Values));
            Assert.That(results.Values.Where(r => r.Verdict == Verdict.Error), Is.Empty, "harness errors");
            // Everything it gets wrong is a failure to fail: the echo, ping and close cases it passes.
            Assert.That(failed.Select(r => r.Id), Has.Some.StartsWith("ws.client.accept-").And.Some.StartsWith("ws.client.rsv").And.Some.StartsWith("ws.client.invalid-utf8"));
        });
    }

    private static void AssertPinned(IReadOnlyDictionary<string, CaseResult> results, Dictionary<string, (Verdict Verdict, string Clause, string Why)> deviations)
    {
        TestContext.Out.WriteLine(ClientCaseHost.Describe(results.Values));
        Assert.Multiple(() =>
        {
            Assert.That(deviations.Keys, Is.SubsetOf(results.Keys), "pinned cases exist");
            foreach (var (id, result) in results)
            {
                if (deviations.TryGetValue(id, out var deviation))
                {
                    Assert.That(result.Verdict, Is.EqualTo(deviation.Verdict), $"{id} ({deviation.Clause}: {deviation.Why}): {result.Observed}");
                    Assert.That(result.Clause, Is.EqualTo(deviation.Clause), $"{id}: the pinned clause");
                }
                else
                {
                    Assert.That(result.Verdict, Is.EqualTo(Verdict.Pass).Or.EqualTo(Verdict.Informational), $"{id}: {result.Observed}");
                }
            }
        });
    }
}
