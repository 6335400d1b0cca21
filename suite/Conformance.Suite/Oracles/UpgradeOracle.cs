using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Oracles;

/// <summary>Judges the server's answer to an opening handshake (§4.2.1, §4.2.2, §11.3).</summary>
public static class UpgradeOracle
{
    /// <summary>
    /// Extension names starting with this are invented by the catalogue: no server implements them, so accepting
    /// one is wrong even though it was offered. (Subprotocols differ: a server may be willing to speak any name.)
    /// </summary>
    public const string InventedNamePrefix = "x-conformance-unknown";

    private static readonly string[] SingleResponseHeaders =
        [HandshakeRequest.Names.Accept, HandshakeRequest.Names.Protocol];

    /// <summary>
    /// The valid handshake a case needs before its steps: false, and the case fails (§4.2.2, a MUST whatever the case's
    /// own level), when it did not open. Defects of a 101 belong to the handshake cases; here they are remarks.
    /// </summary>
    public static bool Opened(HandshakeOutcome outcome, Judgement judgement)
    {
        if (!outcome.Upgraded)
        {
            judgement.DecidedByTimeout = outcome.Failure == HandshakeFailure.Timeout;
            judgement.Expected = "(the case needs an open connection)";
            judgement.Violation(Rules.Wire.ValidHandshakeOpens, $"the valid opening handshake failed ({outcome.Describe()}), so the case could not run (§4.2.2)");
            return false;
        }

        var remarks = new Judgement(Rules.Wire.ValidHandshakeOpens.Level);
        CheckUpgradeHeaders(outcome, outcome.Response!, remarks);
        if (remarks.Verdict != Verdict.Pass)
        {
            judgement.Annotate("handshake: " + remarks.Observed());
        }

        return true;
    }

    /// <summary>
    /// A request the server should have accepted: 101, Upgrade websocket, Connection Upgrade, the exact
    /// Sec-WebSocket-Accept, a subprotocol only from the offer and at most once, no extension not offered,
    /// no Sec-WebSocket-* header twice. When the request makes an offer the server may decline
    /// (<paramref name="declinable"/>), an HTTP answer other than 101 is recorded as informational; an offer split over
    /// lines only when <paramref name="oneLine"/>, the same offer on one line, was declined too (§11.3.4).
    /// </summary>
    public static void Accepted(HandshakeOutcome outcome, Declinable declinable, Judgement judgement, HandshakeOutcome? oneLine = null)
    {
        judgement.Expected = "101 Switching Protocols with Upgrade: websocket, Connection: Upgrade and Sec-WebSocket-Accept = base64(SHA-1(key + GUID)); subprotocol and extensions only from the offer";
        judgement.Observe(outcome.Describe());
        if (outcome.Response is not { } response)
        {
            judgement.DecidedByTimeout |= outcome.Failure == HandshakeFailure.Timeout;
            judgement.Violation($"the valid handshake was not answered with 101: {outcome.Describe()}");
            return;
        }

        if (response.StatusCode != HandshakeResponse.SwitchingProtocols && declinable == Declinable.AsOneLine)
        {
            SplitOfferDeclined(response, oneLine, judgement);
            return;
        }

        if (response.StatusCode != HandshakeResponse.SwitchingProtocols && declinable == Declinable.Yes)
        {
            judgement.Informational($"the server declined the offer with {response.StatusCode} (§4.2.2 step 5: \"If the server chooses to accept the incoming connection\"; declining is its choice)");
            return;
        }

        if (response.StatusCode != HandshakeResponse.SwitchingProtocols)
        {
            judgement.Violation($"the valid handshake was answered with {response.StatusCode}, not 101 (§4.2.2)");
            return;
        }

        CheckUpgradeHeaders(outcome, response, judgement);
    }

    private static void SplitOfferDeclined(HandshakeResponse response, HandshakeOutcome? oneLine, Judgement judgement)
    {
        judgement.Observe($"the same offer on one line: {oneLine?.Describe() ?? "not sent"}");
        switch (oneLine?.Response?.StatusCode)
        {
            case HandshakeResponse.SwitchingProtocols:
                judgement.Violation($"the server refused the offer split over lines with {response.StatusCode} but accepted the same offer on one line, which §11.3.4 calls \"logically the same\"");
                break;
            case { } status:
                judgement.Informational($"the server declined the offer split over lines with {response.StatusCode}, as it declines the same offer on one line ({status}): its choice (§4.2.2 step 5)");
                break;
            default:
                judgement.DecidedByTimeout |= oneLine?.Failure == HandshakeFailure.Timeout;
                judgement.Violation($"the server refused the offer split over lines with {response.StatusCode}, and the same offer on one line got no HTTP answer, so the refusal cannot be told from a choice");
                break;
        }
    }

    /// <summary>Checks every 101 answer against the rules of §4.2.2 and §11.3; used by the harness for every case.</summary>
    public static void CheckUpgradeHeaders(HandshakeOutcome outcome, HandshakeResponse response, Judgement judgement)
    {
        var upgrade = response.Value(HandshakeRequest.Names.Upgrade);
        if (!string.Equals(upgrade, "websocket", StringComparison.OrdinalIgnoreCase))
        {
            judgement.Violation(Rules.Wire.UpgradeHeader, $"Upgrade is '{upgrade}', not 'websocket' (§4.2.2)");
        }

        if (!response.Tokens(HandshakeRequest.Names.Connection).Contains("Upgrade", StringComparer.OrdinalIgnoreCase))
        {
            judgement.Violation(Rules.Wire.ConnectionHeader, $"Connection '{response.Value(HandshakeRequest.Names.Connection)}' has no 'Upgrade' token (§4.2.2)");
        }

        var accepts = response.Values(HandshakeRequest.Names.Accept);
        var expectedAccept = WebSocketAccept.For(outcome.Key);
        if (accepts.Count == 0)
        {
            judgement.Violation(Rules.Wire.AcceptHeader, "Sec-WebSocket-Accept is missing (§4.2.2)");
        }
        else if (accepts[0] != expectedAccept)
        {
            judgement.Violation(Rules.Wire.AcceptHeader, $"Sec-WebSocket-Accept is '{Bound(accepts[0])}', expected '{expectedAccept}' for key '{outcome.Key}' (§4.2.2)");
        }

        foreach (var name in SingleResponseHeaders)
        {
            var count = response.Values(name).Count;
            if (count > 1)
            {
                judgement.Violation(Rules.Wire.SingleResponseHeader, $"{name} appears {count} times in the response (§11.3: MUST NOT appear more than once)");
            }
        }

        var offeredProtocols = outcome.Request.Values(HandshakeRequest.Names.Protocol)
            .SelectMany(v => v.Split(',')).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var selected = response.Values(HandshakeRequest.Names.Protocol);
        if (selected.Count > 0)
        {
            var protocol = selected[0];
            if (offeredProtocols.Count == 0)
            {
                judgement.Violation(Rules.Wire.SubprotocolFromOffer, $"subprotocol '{Bound(protocol)}' selected although none was offered (§4.2.2)");
            }
            else if (!offeredProtocols.Contains(protocol, StringComparer.Ordinal))
            {
                judgement.Violation(Rules.Wire.SubprotocolFromOffer, $"subprotocol '{Bound(protocol)}' is not one of the offered {string.Join(", ", offeredProtocols)} (§4.2.2)");
            }
            else
            {
                judgement.Observe($"subprotocol '{protocol}' selected");
            }
        }

        var offeredExtensions = outcome.Request.Values(HandshakeRequest.Names.Extensions)
            .SelectMany(v => v.Split(',')).Select(e => e.Split(';')[0].Trim()).Where(e => e.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var extension in response.Tokens(HandshakeRequest.Names.Extensions).Select(e => e.Split(';')[0].Trim()))
        {
            if (extension.StartsWith(InventedNamePrefix, StringComparison.OrdinalIgnoreCase))
            {
                judgement.Violation(Rules.Wire.InventedExtensionRefused, $"extension '{Bound(extension)}' accepted, a name invented by this suite that no server implements (§9.1)");
            }
            else if (!offeredExtensions.Contains(extension))
            {
                judgement.Violation(Rules.Wire.ExtensionFromOffer, $"extension '{Bound(extension)}' accepted although the client did not offer it (§9.1)");
            }
            else
            {
                judgement.Observe($"extension '{extension}' accepted");
            }
        }
    }

    /// <summary>
    /// A request that is not a valid handshake: any non-101 HTTP answer passes (§4.2.1 "stop processing the
    /// client's handshake and return an HTTP response with an appropriate error code"); closing TCP instead is
    /// non-strict (§10.7 lets an endpoint drop). <paramref name="requireVersionHeader"/>: the answer must carry
    /// Sec-WebSocket-Version (§4.2.2, unsupported version).
    /// </summary>
    public static void Rejected(HandshakeOutcome outcome, bool requireVersionHeader, Judgement judgement)
    {
        judgement.Expected = "an HTTP error status (not 101)" + (requireVersionHeader ? " carrying Sec-WebSocket-Version with the versions the server supports" : "");
        judgement.Observe(outcome.Describe());
        switch (outcome.Failure)
        {
            case HandshakeFailure.Closed or HandshakeFailure.Reset:
                judgement.Violation(Rules.Wire.HttpErrorNotDrop, $"the server dropped the connection instead of answering with an HTTP error ({outcome.Describe()})");
                return;
            case HandshakeFailure.Timeout:
                judgement.DecidedByTimeout = true;
                judgement.Violation(Rules.Wire.HandshakeAnswered, $"the invalid handshake got no answer and the connection stayed open ({outcome.Detail})");
                return;
            case HandshakeFailure.NotHttp:
                judgement.Violation(Rules.Wire.AnswerIsHttp, $"the answer is not HTTP ({outcome.Detail})");
                return;
        }

        var response = outcome.Response!;
        if (response.StatusCode == HandshakeResponse.SwitchingProtocols)
        {
            judgement.Violation("the server upgraded a request that is not a valid handshake (101 instead of an HTTP error)");
            return;
        }

        if (response.StatusCode is < 300 or > 599)
        {
            judgement.Violation($"{response.StatusCode} is not an error status");
            return;
        }

        if (requireVersionHeader && response.Values(HandshakeRequest.Names.Version).Count == 0)
        {
            judgement.Violation(Rules.Wire.VersionHeaderOnRefusal, $"the {response.StatusCode} answer has no Sec-WebSocket-Version header (§4.2.2: the server MUST send one listing the versions it understands)");
        }
        else if (requireVersionHeader)
        {
            judgement.Observe($"Sec-WebSocket-Version: {Bound(response.Value(HandshakeRequest.Names.Version)!)}");
        }
    }

    /// <summary>
    /// Records how the server answered a request the RFC lets it accept or refuse (e.g. version 8, §4.4). With
    /// <paramref name="requireVersionHeader"/>, a refusal must carry Sec-WebSocket-Version (§4.4: "it MUST respond
    /// with a |Sec-WebSocket-Version| header field ... containing all versions it is willing to use").
    /// </summary>
    public static void Observed(HandshakeOutcome outcome, bool requireVersionHeader, Judgement judgement)
    {
        judgement.Expected = "any HTTP answer; the RFC lets the server choose";
        judgement.Observe(outcome.Describe());
        switch (outcome.Failure)
        {
            case HandshakeFailure.Timeout:
                judgement.DecidedByTimeout = true;
                judgement.Violation(Rules.Wire.HandshakeAnswered, $"no answer to the handshake and the connection stayed open ({outcome.Detail})");
                return;
            case HandshakeFailure.NotHttp:
                judgement.Violation(Rules.Wire.AnswerIsHttp, $"the answer is not HTTP ({outcome.Detail})");
                return;
        }

        var version = outcome.Response?.Value(HandshakeRequest.Names.Version);
        if (requireVersionHeader && !outcome.Upgraded && outcome.Response is { } refusal && version is null)
        {
            judgement.Violation(Rules.Wire.VersionHeaderOnRefusal, $"the server refused with {refusal.StatusCode} and no Sec-WebSocket-Version header (§4.4: it MUST respond with one listing the versions it is willing to use)");
            return;
        }

        judgement.Informational(outcome.Upgraded
            ? "the server accepted the connection (101)"
            : $"the server refused ({outcome.Describe()}){(version is null ? "" : $" and lists Sec-WebSocket-Version: {Bound(version)}")}");
    }

    private static string Bound(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
