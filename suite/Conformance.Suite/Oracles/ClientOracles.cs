using Conformance.Suite.Catalogue;
using Conformance.Suite.ClientSide;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Oracles;

/// <summary>The oracles only client cases have: the opening request (§4.1) and what the client's API reported.</summary>
internal static class ClientOracles
{
    private static readonly IReadOnlyList<RequestCheck> AllRequestChecks = Enum.GetValues<RequestCheck>();

    /// <summary>The client's opening request did not end: <paramref name="how"/> after <paramref name="bytes"/> bytes (§4.1).</summary>
    public static void RequestIncomplete(Judgement judgement, string how, int bytes) =>
        judgement.Violation(Rules.Client.OpeningRequest, $"no complete opening request: {how} after {bytes} bytes (§4.1)");

    /// <summary>The client's opening request is no HTTP request.</summary>
    public static void RequestMalformed(Judgement judgement, string? error) =>
        judgement.Violation(Rules.Client.OpeningRequest, $"the opening request is not a valid HTTP request: {error} (§4.1: \"The handshake MUST be a valid HTTP request\")");

    /// <summary>Request defects belong to the client-request cases; in other cases they are remarks.</summary>
    public static void RequestRemarks(ClientRequest request, Uri server, Judgement judgement)
    {
        var remarks = new Judgement(Rules.Client.OpeningRequest.Level);
        Request(request, AllRequestChecks, server, remarks);
        if (remarks.Verdict != Verdict.Pass)
        {
            judgement.Annotate("request: " + remarks.Observed());
        }
    }

    /// <summary>Judges <paramref name="request"/> against <paramref name="checks"/>; each failed check is a MUST of §4.1.</summary>
    public static void Request(ClientRequest request, IReadOnlyList<RequestCheck> checks, Uri server, Judgement judgement)
    {
        foreach (var check in checks)
        {
            if (Problem(request, check, server) is { } problem)
            {
                judgement.Violation(Rules.Client.OpeningRequest, problem);
            }
        }
    }

    private static string? Problem(ClientRequest request, RequestCheck check, Uri server)
    {
        switch (check)
        {
            case RequestCheck.MethodAndVersion:
                return request.Method != "GET" || request.ParsedVersion is not { } version || version < new Version(1, 1)
                    ? $"the request line is '{Bound(request.Method)} … {Bound(request.HttpVersion)}' (§4.1: \"The method of the request MUST be GET, and the HTTP version MUST be at least 1.1\")"
                    : null;
            case RequestCheck.Host:
                var hosts = request.Values(HandshakeRequest.Names.Host);
                if (hosts.Count != 1 || hosts[0].Length == 0)
                {
                    return $"the request has {hosts.Count} non-empty Host header lines, not one (§4.1: \"The request MUST contain a |Host| header field\")";
                }

                return ClientRequest.HostPort(hosts[0]) is { } port && port != server.Port
                    ? $"Host '{Bound(hosts[0])}' names port {port}, not the port {server.Port} connected to (§4.1: /host/ plus \":\" /port/)"
                    : null;
            case RequestCheck.UpgradeHeaders:
                var upgrade = request.Tokens(HandshakeRequest.Names.Upgrade).Contains("websocket", StringComparer.OrdinalIgnoreCase);
                var connection = request.Tokens(HandshakeRequest.Names.Connection).Contains("Upgrade", StringComparer.OrdinalIgnoreCase);
                return upgrade && connection
                    ? null
                    : $"Upgrade '{Bound(request.Value(HandshakeRequest.Names.Upgrade))}', Connection '{Bound(request.Value(HandshakeRequest.Names.Connection))}' (§4.1: Upgrade MUST include \"websocket\", Connection MUST include \"Upgrade\")";
            case RequestCheck.Key:
                var keys = request.Values(HandshakeRequest.Names.Key);
                return keys.Count == 1 && ClientRequest.KeyLength(keys[0]) == WebSocketAccept.KeyBytes
                    ? null
                    : $"Sec-WebSocket-Key is '{Bound(string.Join(", ", keys))}' (§4.1: \"a randomly selected 16-byte value that has been base64-encoded\", once)";
            default:
                var versions = request.Values(HandshakeRequest.Names.Version);
                return versions is [HandshakeRequest.SupportedVersion]
                    ? null
                    : $"Sec-WebSocket-Version is '{Bound(string.Join(", ", versions))}' (§4.1: \"The value of this header field MUST be 13\")";
        }
    }

    /// <summary>
    /// What the client's API reported: the close code and reason a case names (§7.1.5, §7.1.6) and no open connection
    /// after a broken handshake. A clean close is not judged: the suite itself answers the Close a failing client
    /// sends, so the client may well have completed a closing handshake.
    /// Without a report, a case that names the close is unimplemented; other cases only note its absence.
    /// </summary>
    public static void Report(CaseDefinition definition, ClientReport? report, Judgement judgement)
    {
        var expect = ((ExchangeBody)definition.Body).Expect;
        var reported = expect.Reported;
        if (report is null)
        {
            if (reported is not null)
            {
                judgement.Unimplemented("the client did not report what its API saw (POST /report/ID), and this case judges that report");
            }
            else
            {
                judgement.Annotate("no report from the client's API");
            }

            return;
        }

        judgement.Observe($"the client's API reported: {report.Describe()}");
        if (reported is not null)
        {
            var expected = $"close {reported.Code}" + (reported.Reason is null ? "" : $" '{reported.Reason}'");
            judgement.Expected = string.Join("; ", new[] { judgement.Expected, $"the client's API reports {expected}" }.Where(e => e.Length > 0));
            if (report.CloseCode != reported.Code)
            {
                judgement.Violation($"the API reported close code {report.CloseCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, not {reported.Code} (§7.1.5)");
            }

            if (reported.Reason is { } reason && report.CloseReason != reason)
            {
                judgement.Violation($"the API reported the reason '{Bound(report.CloseReason)}', not '{reason}' (§7.1.6)");
            }
        }

        if (definition.Body is ClientBody { HasBrokenHandshake: true } && report.Opened == true)
        {
            judgement.Violation("the API reported an open connection although the handshake was invalid (§4.1)");
        }

    }

    private static string Bound(string? text) => text is null ? "" : text.Length > 80 ? text[..80] + "…" : text;
}
