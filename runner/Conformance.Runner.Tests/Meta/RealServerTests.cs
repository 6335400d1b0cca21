using Conformance.Runner.Tests.Infrastructure;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Meta;

/// <summary>
/// The catalogue against servers nobody on this project wrote. A correct behaviour must never be judged
/// fail; where a server really violates a clause, the verdict is pinned here with the clause and the bytes seen.
/// </summary>
[TestFixture]
[Category("Meta")]
public sealed class RealServerTests
{
    /// <summary>Informational-level cases: whatever the server does is recorded, never judged.</summary>
    private static readonly string[] InformationalCases =
        ["ws.handshake.version-8", "ws.length.client-non-minimal-16-bit", "ws.length.client-non-minimal-64-bit"];

    [Test]
    public async Task Reference_server_passes_every_case_that_is_not_informational()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServer.ReferenceServerOptions());
        var results = await MetaRun.RunAsync(server.WebSocketUri);
        var notPassing = results.Where(r => r.Verdict != Verdict.Pass && !InformationalCases.Contains(r.Id)).ToList();
        Assert.That(notPassing, Is.Empty, MetaRun.Describe(notPassing));
        Assert.That(results.Where(r => InformationalCases.Contains(r.Id)).Select(r => r.Verdict), Is.All.EqualTo(Verdict.Informational));
    }

    [Test]
    public async Task Npm_ws_gets_only_the_verdicts_its_real_behaviour_earns()
    {
        await using var server = await ExternalServer.StartWsAsync();
        var results = await MetaRun.RunAsync(server.WebSocketUri);
        var expected = Expected(results, new Dictionary<string, Verdict>
        {
            // §4.2.1 item 1 "An HTTP/1.1 or higher GET request": ws 8.18.3 answers "GET /echo HTTP/1.0" with
            // "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: …".
            ["ws.handshake.http-1-0"] = Verdict.Fail,
            // §4.2.1 item 2 "A |Host| header field containing the server's authority": ws 8.18.3 answers a request
            // without Host with "HTTP/1.1 101 Switching Protocols".
            ["ws.handshake.missing-host"] = Verdict.Fail,
        });
        Assert.That(MetaRun.Verdicts(results), Is.EquivalentTo(expected), MetaRun.Describe(results.Where(r => r.Verdict != Verdict.Pass)));
    }

    [Test]
    public async Task Python_websockets_gets_only_the_verdicts_its_real_behaviour_earns()
    {
        await using var server = await ExternalServer.StartPythonWebsocketsAsync();
        var results = await MetaRun.RunAsync(server.WebSocketUri);
        var expected = Expected(results, new Dictionary<string, Verdict>
        {
            // §4.2.1 item 2: websockets 10.4 answers a request without Host with
            // "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: …".
            ["ws.handshake.missing-host"] = Verdict.Fail,
            // §4.2.2 /version/: "send an appropriate HTTP error code (such as 426 Upgrade Required) and a
            // |Sec-WebSocket-Version| header field"; websockets 10.4 answers version 99 with
            // "HTTP/1.1 400 Bad Request\r\nDate: …\r\nServer: Python/3.11 websockets/10.4\r\nContent-Length: 81\r\nContent-Type: text/plain\r\nConnection: close"
            // and no Sec-WebSocket-Version.
            ["ws.handshake.version-99"] = Verdict.Fail,
        });
        Assert.That(MetaRun.Verdicts(results), Is.EquivalentTo(expected), MetaRun.Describe(results.Where(r => r.Verdict != Verdict.Pass)));
    }

    [Test]
    public async Task Verdicts_are_identical_in_three_runs_against_ws_and_against_websockets()
    {
        foreach (var start in new Func<Task<ExternalServer>>[] { ExternalServer.StartWsAsync, ExternalServer.StartPythonWebsocketsAsync })
        {
            await using var server = await start();
            var first = MetaRun.Verdicts(await MetaRun.RunAsync(server.WebSocketUri));
            for (var run = 2; run <= 3; run++)
            {
                var again = MetaRun.Verdicts(await MetaRun.RunAsync(server.WebSocketUri));
                var changed = first.Where(p => again[p.Key] != p.Value).Select(p => $"{p.Key}: {p.Value} then {again[p.Key]}").ToList();
                Assert.That(changed, Is.Empty, $"run {run} against {server.WebSocketUri}");
            }
        }
    }

    // Every case passes unless listed; informational cases are informational.
    private static Dictionary<string, string> Expected(IEnumerable<CaseResult> results, Dictionary<string, Verdict> exceptions) =>
        results.ToDictionary(
            r => r.Id,
            r => Verdicts.Word(exceptions.TryGetValue(r.Id, out var v) ? v : InformationalCases.Contains(r.Id) ? Verdict.Informational : Verdict.Pass));
}
