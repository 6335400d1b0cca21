using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Catalogue;

/// <summary>One validated case of the catalogue: the data of one YAML entry, typed.</summary>
public sealed record CaseDefinition
{
    /// <summary>Stable dotted id, e.g. ws.frame.rsv1-on-text; never changes once published.</summary>
    public required string Id { get; init; }
    /// <summary>Revision, raised when a case's steps or expectation change.</summary>
    public int Rev { get; init; } = 1;
    /// <summary>What the tester does.</summary>
    public required string Title { get; init; }
    /// <summary>The quoted requirement.</summary>
    public required string Requirement { get; init; }
    /// <summary>The clause, e.g. "RFC6455 5.2".</summary>
    public required string Clause { get; init; }
    /// <summary>Requirement level of the case.</summary>
    public RequirementLevel Level { get; init; }
    /// <summary>Free tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The Autobahn|Testsuite case this one corresponds to, if any.</summary>
    public string? Autobahn { get; init; }
    /// <summary>The Autobahn ids in <see cref="Autobahn"/> (one case may mirror several identical Autobahn cases).</summary>
    public IReadOnlyList<string> AutobahnIds =>
        Autobahn is null ? [] : Autobahn.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    /// <summary>"default" runs always; "full" (limits and performance) only with --tier full.</summary>
    public string Tier { get; init; } = CaseTiers.Default;
    /// <summary>Run options the case needs (e.g. "max-message"); without them it is unimplemented.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];
    /// <summary>What the case does and how it is judged; its type states the case's kind.</summary>
    public required CaseBody Body { get; init; }
    /// <summary>"builtin" or "custom".</summary>
    public string Source { get; init; } = "builtin";
    /// <summary>The file and line the case was read from.</summary>
    public required string Origin { get; init; }

    /// <summary>The kind of case, stated by its body.</summary>
    public CaseKind Kind => Body.Kind;

    /// <summary>The area of the browser cases: they run only with --browser (or --area browser).</summary>
    public const string BrowserArea = "browser";

    /// <summary>The second id segment: the area that --area selects.</summary>
    public string Area => Id.Split('.')[1];
}

/// <summary>The tiers of the catalogue.</summary>
public static class CaseTiers
{
    /// <summary>Fast behavioural cases, run by default.</summary>
    public const string Default = "default";
    /// <summary>Limits and performance (Autobahn 9.x), opt-in with --tier full.</summary>
    public const string Full = "full";
}

/// <summary>Run options a case can require.</summary>
public static class CaseRequirements
{
    /// <summary>--max-message: the target's declared message size limit.</summary>
    public const string MaxMessage = "max-message";
    /// <summary>--subprotocol: a subprotocol the target is declared to support.</summary>
    public const string Subprotocol = "subprotocol";
}

/// <summary>
/// Changes a case makes to the standard request of §4.1, or, in a client case, to the server's standard 101 response
/// (§4.2.2): then <see cref="Status"/>, <see cref="Remove"/>, <see cref="Set"/> and <see cref="Add"/> apply to the response.
/// </summary>
public sealed record HandshakeChanges
{
    /// <summary>Client cases: the status code and reason phrase instead of "101 Switching Protocols".</summary>
    public string? Status { get; init; }
    /// <summary>Request method instead of GET.</summary>
    public string? Method { get; init; }
    /// <summary>HTTP version instead of HTTP/1.1.</summary>
    public string? HttpVersion { get; init; }
    /// <summary>Header names removed (case-insensitive).</summary>
    public IReadOnlyList<string> Remove { get; init; } = [];
    /// <summary>Headers whose value is replaced (or added when absent); the name as written replaces the old name.</summary>
    public IReadOnlyList<HttpHeader> Set { get; init; } = [];
    /// <summary>Header lines appended even when the name exists (duplicates).</summary>
    public IReadOnlyList<HttpHeader> Add { get; init; } = [];
    /// <summary>Write every header name in lower case (true) or upper case (false); null keeps them.</summary>
    public string? NameCase { get; init; }
}

/// <summary>
/// upgrade-accepted: whether the request makes an offer the server may decline (a subprotocol or extension it does not
/// support, or no subprotocol where it requires one): §4.2.2 step 5 reads "If the server chooses to accept the incoming
/// connection".
/// </summary>
public enum Declinable
{
    /// <summary>The valid request must get 101.</summary>
    No,
    /// <summary>An HTTP answer other than 101 is informational; a 101 is checked in full.</summary>
    Yes,
    /// <summary>
    /// The offer is split over repeated header lines, "logically the same as a single" line (§11.3.4): declining it is
    /// informational only when the same offer on one line is declined too.
    /// </summary>
    AsOneLine,
}

/// <summary>The oracles an expectation can name.</summary>
public enum OracleKind
{
    /// <summary>101 with the exact Sec-WebSocket-Accept and valid upgrade headers (§4.2.2).</summary>
    UpgradeAccepted,
    /// <summary>Any non-101 HTTP answer; a TCP close instead is non-strict (§4.2.1, §10.7).</summary>
    UpgradeRejected,
    /// <summary>Records how the target answered; informational whatever it is.</summary>
    UpgradeObserved,
    /// <summary>Every expect step met; the harness then closes.</summary>
    Exchange,
    /// <summary>_Fail the WebSocket Connection_ (§7.1.7): Close or drop in time, nothing processed after.</summary>
    FailConnection,
    /// <summary>The server answers our Close with a Close and then closes TCP (§5.5.1).</summary>
    CloseHandshake,
    /// <summary>Records what the target does after the steps (echo, close, drop); informational.</summary>
    Observe,
    /// <summary>A client case: the client's opening request meets the checks listed (§4.1).</summary>
    ClientRequest,
}

/// <summary>What a client-request case checks in the client's opening request (§4.1).</summary>
public enum RequestCheck
{
    /// <summary>§4.1 item 2: "The method of the request MUST be GET, and the HTTP version MUST be at least 1.1."</summary>
    MethodAndVersion,
    /// <summary>§4.1 item 4: "The request MUST contain a |Host| header field".</summary>
    Host,
    /// <summary>§4.1 items 5 and 6: Upgrade includes "websocket", Connection includes "Upgrade".</summary>
    UpgradeHeaders,
    /// <summary>§4.1 item 7: Sec-WebSocket-Key is a base64-encoded 16-byte nonce.</summary>
    Key,
    /// <summary>§4.1 item 9: "The value of this header field MUST be 13."</summary>
    Version,
}

/// <summary>What a client's API must report for the close (§7.1.5, §7.1.6), judged from the client's report.</summary>
public sealed record ReportedClose(int Code, string? Reason);

/// <summary>Invariants of received frames that a dedicated case turns into its verdict (§5.1, §5.2).</summary>
public enum InvariantCheck
{
    /// <summary>§5.1: "A server MUST NOT mask any frames that it sends to the client."</summary>
    ServerFramesUnmasked,
    /// <summary>§5.2: "the minimal number of bytes MUST be used to encode the length".</summary>
    MinimalLength,
    /// <summary>§5.2: RSV bits "MUST be 0 unless an extension is negotiated".</summary>
    RsvZero,
    /// <summary>Client cases, §5.1: "a client MUST mask all frames that it sends to the server".</summary>
    ClientFramesMasked,
    /// <summary>Client cases, §5.3: "the client MUST pick a fresh masking key" for each frame.</summary>
    FreshMaskKeys,
    /// <summary>
    /// §5.5.1: "The application MUST NOT send any more data frames after sending a Close frame." Every closing-handshake
    /// case decides on it too: the closing handshake is what it judges.
    /// </summary>
    NoDataAfterClose,
    /// <summary>§5.5: "All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented."</summary>
    ControlFramesValid,
    /// <summary>§5.5.1: after the code, "the body MAY contain UTF-8-encoded data with value /reason/".</summary>
    CloseReasonUtf8,
}

/// <summary>How a case is judged.</summary>
public sealed record Expectation
{
    /// <summary>The oracle.</summary>
    public required OracleKind Oracle { get; init; }
    /// <summary>fail-connection: preferred close codes (a drop always passes). close-handshake: codes accepted back besides 1000.</summary>
    public IReadOnlyList<int> Codes { get; init; } = [];
    /// <summary>upgrade-rejected, upgrade-observed: a refusal MUST carry Sec-WebSocket-Version (§4.2.2, §4.4: unsupported version).</summary>
    public bool RequireVersionHeader { get; init; }
    /// <summary>upgrade-accepted: whether, and when, an HTTP answer other than 101 is the server's choice.</summary>
    public Declinable Declinable { get; init; }
    /// <summary>Invariants whose violation decides this case's verdict.</summary>
    public IReadOnlyList<InvariantCheck> Checks { get; init; } = [];
    /// <summary>
    /// fail-connection: a valid message sent before the offending frame (in the same write) should be echoed
    /// first; failing without echoing it is non-strict (Autobahn 3.2, 4.1.3, 5.15).
    /// </summary>
    public bool EchoFirst { get; init; }
    /// <summary>
    /// The case sends a close code registered with IANA after RFC 6455 (1012-1014): a normal closing handshake
    /// under --close-codes iana, a failed connection under --close-codes rfc6455.
    /// </summary>
    public bool RegisteredCode { get; init; }
    /// <summary>
    /// close-handshake: the server must close TCP within --silence-ms of the closing handshake's end, the suite
    /// never closing it first (§5.5.1 "The server MUST close the underlying TCP connection immediately").
    /// </summary>
    public bool PromptTcpClose { get; init; }
    /// <summary>Client cases: the close code and reason the client's API must report; without a report, unimplemented.</summary>
    public ReportedClose? Reported { get; init; }
    /// <summary>client-request: the checks of the opening request.</summary>
    public IReadOnlyList<RequestCheck> RequestChecks { get; init; } = [];
}
