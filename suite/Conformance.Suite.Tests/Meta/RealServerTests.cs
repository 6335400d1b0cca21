using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Meta;

/// <summary>
/// The catalogue against servers nobody on this project wrote. A correct behaviour must never be judged
/// fail; where a server really violates a clause, the verdict is pinned here with the clause and the bytes seen.
/// </summary>
[TestFixture]
[Category("Meta")]
public sealed class RealServerTests
{
    /// <summary>Informational-level cases: whatever the server does is recorded, never judged.</summary>
    private static readonly HashSet<string> InformationalCases =
        Repository.Catalogue.Cases.Where(c => c.Level == RequirementLevel.Informational).Select(c => c.Id).ToHashSet();

    /// <summary>Cases that need --max-message, which these runs do not give: unimplemented, with the reason.</summary>
    private static readonly HashSet<string> NeedMaxMessage =
        Repository.Catalogue.Cases.Where(c => c.Requires.Contains(CaseRequirements.MaxMessage)).Select(c => c.Id).ToHashSet();

    /// <summary>
    /// §8.1 fail fast, judged non-strict when late: a text frame written in three pieces, the second invalid
    /// (U+110000, or its first byte). These servers read a frame's whole payload before validating it, and fail
    /// the connection only after the third piece: 1007 (or, for ASP.NET Core, a reset) after the frame completed.
    /// </summary>
    private static readonly string[] LateInsideOneFrame =
        ["ws.utf8.fail-fast-inside-one-frame", "ws.utf8.fail-fast-on-the-first-invalid-byte-inside-one-frame"];

    [Test]
    public async Task Reference_server_gets_no_fail_and_only_the_documented_non_strict_verdicts()
    {
        await using var server = await ReferenceServer.ReferenceServer.StartAsync(new ReferenceServer.ReferenceServerOptions());
        var results = await MetaRun.RunAsync(server.WebSocketUri);
        var expected = Expected(results, LateInsideOneFrame.ToDictionary(id => id, _ => Verdict.NonStrict));
        Assert.That(MetaRun.Verdicts(results), Is.EquivalentTo(expected), MetaRun.Describe(results.Where(r => r.Verdict != Verdict.Pass)));
    }

    [Test]
    public async Task Npm_ws_gets_only_the_verdicts_its_real_behaviour_earns()
    {
        await using var server = await ExternalServer.StartWsAsync();
        var results = await MetaRun.RunAsync(server.WebSocketUri);
        var exceptions = new Dictionary<string, Verdict>
        {
            // §4.2.1 item 1 "An HTTP/1.1 or higher GET request": ws 8.18.3 answers "GET /echo HTTP/1.0" with
            // "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: …".
            ["ws.handshake.http-1-0"] = Verdict.Fail,
            // §4.2.1 item 2 "A |Host| header field containing the server's authority": ws 8.18.3 answers a request
            // without Host with "HTTP/1.1 101 Switching Protocols".
            ["ws.handshake.missing-host"] = Verdict.Fail,
            // §8.1 fail fast: ws validates UTF-8 once a message is complete, so an invalid middle fragment is
            // answered with Close 1007 (03 ef) only after the last fragment (Autobahn 6.4.1, 6.4.2: NON-STRICT).
            ["ws.utf8.fail-fast-on-the-offending-fragment"] = Verdict.NonStrict,
            ["ws.utf8.fail-fast-on-the-first-invalid-byte"] = Verdict.NonStrict,
        };
        foreach (var id in LateInsideOneFrame)
        {
            exceptions[id] = Verdict.NonStrict;
        }

        Assert.That(MetaRun.Verdicts(results), Is.EquivalentTo(Expected(results, exceptions)), MetaRun.Describe(results.Where(r => r.Verdict != Verdict.Pass)));
        // ws passes Autobahn: every case that mirrors an Autobahn case is pass or non-strict.
        var withAutobahn = results.Where(r => Repository.Catalogue.Cases.Single(c => c.Id == r.Id).Autobahn is not null && !InformationalCases.Contains(r.Id));
        Assert.That(withAutobahn.Where(r => r.Verdict is not (Verdict.Pass or Verdict.NonStrict)).Select(r => r.Id), Is.Empty);
    }

    [Test]
    public async Task Python_websockets_gets_only_the_verdicts_its_real_behaviour_earns()
    {
        await using var server = await ExternalServer.StartPythonWebsocketsAsync();
        var results = await MetaRun.RunAsync(server.WebSocketUri);
        var exceptions = new Dictionary<string, Verdict>
        {
            // §4.2.1 item 2: websockets 10.4 answers a request without Host with
            // "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: …".
            ["ws.handshake.missing-host"] = Verdict.Fail,
            // §4.2.2 /version/: "send an appropriate HTTP error code (such as 426 Upgrade Required) and a
            // |Sec-WebSocket-Version| header field"; websockets 10.4 answers version 99 with
            // "HTTP/1.1 400 Bad Request\r\nDate: …\r\nServer: Python/3.11 websockets/10.4\r\nContent-Length: 81\r\nContent-Type: text/plain\r\nConnection: close"
            // and no Sec-WebSocket-Version.
            ["ws.handshake.version-99"] = Verdict.Fail,
            // §4.4: "If the server doesn't support the requested version, it MUST respond with a
            // |Sec-WebSocket-Version| header field"; websockets 10.4 answers version 8 with
            // "HTTP/1.1 400 Bad Request\r\nDate: …\r\nServer: Python/3.11 websockets/10.4\r\nContent-Length: 80\r\nContent-Type: text/plain\r\nConnection: close"
            // and no Sec-WebSocket-Version.
            ["ws.handshake.version-8"] = Verdict.Fail,
            // Autobahn 5.15: "fragment1"+"fragment2", a stray continuation and a text message in one write.
            // websockets fails the connection (Close 1002) before its handler has echoed the first message.
            ["ws.fragmentation.stray-continuation-after-a-message"] = Verdict.NonStrict,
        };
        foreach (var id in LateInsideOneFrame)
        {
            exceptions[id] = Verdict.NonStrict;
        }

        Assert.That(MetaRun.Verdicts(results), Is.EquivalentTo(Expected(results, exceptions)), MetaRun.Describe(results.Where(r => r.Verdict != Verdict.Pass)));
    }

    [Test]
    public async Task Verdicts_are_identical_in_three_runs_against_ws_and_against_websockets()
    {
        foreach (var start in new Func<Task<ExternalServer>>[] { () => ExternalServer.StartWsAsync(), () => ExternalServer.StartPythonWebsocketsAsync() })
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

    // Every case passes unless listed; informational cases are informational; --max-message cases unimplemented.
    private static Dictionary<string, string> Expected(IEnumerable<CaseResult> results, Dictionary<string, Verdict> exceptions) =>
        results.ToDictionary(
            r => r.Id,
            r => Verdicts.Word(
                exceptions.TryGetValue(r.Id, out var v) ? v
                : InformationalCases.Contains(r.Id) ? Verdict.Informational
                : NeedMaxMessage.Contains(r.Id) ? Verdict.Unimplemented
                : Verdict.Pass));
}
