using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Suite.Oracles;

public static partial class Rules
{
    /// <summary>The rules of WebSocket cases over the wire (the suite as client, or as server for client cases).</summary>
    public static class Wire
    {
        /// <summary>
        /// §4.2.2: "If the server chooses to accept the incoming connection, it MUST reply with a valid HTTP response
        /// indicating the following." A case that needs an open connection sends a valid handshake to a WebSocket
        /// endpoint; when that fails, the case could not run, and that is a MUST whatever the case checks.
        /// </summary>
        public static Rule ValidHandshakeOpens { get; } = new("wire.valid-handshake-opens", RequirementLevel.Must, "RFC6455 4.2.2");

        /// <summary>§4.2.2: "An |Upgrade| header field with value "websocket" as per RFC 2616".</summary>
        public static Rule UpgradeHeader { get; } = new("wire.upgrade-header", RequirementLevel.Must, "RFC6455 4.2.2");

        /// <summary>§4.2.2: "A |Connection| header field with value "Upgrade"."</summary>
        public static Rule ConnectionHeader { get; } = new("wire.connection-header", RequirementLevel.Must, "RFC6455 4.2.2");

        /// <summary>
        /// §4.2.2: "A |Sec-WebSocket-Accept| header field. The value of this header field is constructed by
        /// concatenating /key/ … with the string "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", taking the SHA-1 hash of
        /// this concatenated value … and base64-encoding … this 20-byte hash."
        /// </summary>
        public static Rule AcceptHeader { get; } = new("wire.accept-header", RequirementLevel.Must, "RFC6455 4.2.2");

        /// <summary>
        /// §11.3.3: "The |Sec-WebSocket-Accept| header MUST NOT appear more than once in an HTTP response." §11.3.4
        /// says the same of |Sec-WebSocket-Protocol|.
        /// </summary>
        public static Rule SingleResponseHeader { get; } = new("wire.single-response-header", RequirementLevel.Must, "RFC6455 11.3");

        /// <summary>
        /// §4.2.2: "The value chosen MUST be derived from the client's handshake, specifically by selecting one of the
        /// values from the |Sec-WebSocket-Protocol| field that the server is willing to use for this connection (if
        /// any)." Also judged on what a browser's protocol attribute shows.
        /// </summary>
        public static Rule SubprotocolFromOffer { get; } = new("wire.subprotocol-from-offer", RequirementLevel.Must, "RFC6455 4.2.2");

        /// <summary>
        /// §10.4: "Such an implementation SHOULD impose a limit on frame sizes and the total message size after
        /// reassembly from multiple frames." A limit under 126 bytes refuses every message that needs the 16-bit length
        /// of §5.2; calling that non-strict is the suite's convention, which §10.4 does not state.
        /// </summary>
        public static Rule FairSizeLimit { get; } = new("wire.fair-size-limit", RequirementLevel.Should, "RFC6455 10.4");

        /// <summary>§9.1, as §4.2.2 puts it: "Extensions not listed by the client MUST NOT be listed."</summary>
        public static Rule ExtensionFromOffer { get; } = new("wire.extension-from-offer", RequirementLevel.Must, "RFC6455 9.1");

        /// <summary>
        /// §9.1: the server answers with the extensions "it's willing to use"; an extension name the catalogue
        /// invented is implemented by no server, so accepting it is accepting what the server cannot speak.
        /// </summary>
        public static Rule InventedExtensionRefused { get; } = new("wire.invented-extension-refused", RequirementLevel.Must, "RFC6455 9.1");

        /// <summary>
        /// §4.2.1: the server "MUST stop processing the client's handshake and return an HTTP response with an
        /// appropriate error code (such as 400 Bad Request)". Dropping the connection instead is judged as a
        /// SHOULD, since §10.7 lets an endpoint drop a connection it finds hostile.
        /// </summary>
        public static Rule HttpErrorNotDrop { get; } = new("wire.http-error-not-drop", RequirementLevel.Should, "RFC6455 4.2.1");

        /// <summary>
        /// §4.2.1: the server "MUST … return an HTTP response": a handshake left unanswered on an open connection
        /// answers nothing at all, whichever answer the RFC lets the server choose.
        /// </summary>
        public static Rule HandshakeAnswered { get; } = new("wire.handshake-answered", RequirementLevel.Must, "RFC6455 4.2.1");

        /// <summary>§4.2.2: the server "MUST reply with a valid HTTP response"; bytes that are not HTTP are none.</summary>
        public static Rule AnswerIsHttp { get; } = new("wire.answer-is-http", RequirementLevel.Must, "RFC6455 4.2.2");

        /// <summary>
        /// §4.2.2: the server "MUST abort the WebSocket handshake … and instead send an appropriate HTTP error code
        /// (such as 426 Upgrade Required) and a |Sec-WebSocket-Version| header field indicating the version(s) the
        /// server is capable of understanding."
        /// </summary>
        public static Rule VersionHeaderOnRefusal { get; } = new("wire.version-header-on-refusal", RequirementLevel.Must, "RFC6455 4.2.2");

        /// <summary>
        /// §5.4: frames arrive and are processed in the order sent, so a valid message sent before the offending
        /// frame is due before the connection is failed; failing first is judged as a SHOULD.
        /// </summary>
        public static Rule EchoBeforeFailing { get; } = new("wire.echo-before-failing", RequirementLevel.Should, "RFC6455 5.4");

        /// <summary>
        /// §7.1.7: the endpoint that "is required to _Fail the WebSocket Connection_" is so on the offending frame;
        /// waiting for the rest of the message first (not failing fast) is judged as a SHOULD.
        /// </summary>
        public static Rule FailFast { get; } = new("wire.fail-fast", RequirementLevel.Should, "RFC6455 7.1.7");

        /// <summary>
        /// §7.1.7: "the endpoint SHOULD send a Close frame with an appropriate status code (Section 7.4) before
        /// proceeding to _Close the WebSocket Connection_."
        /// </summary>
        public static Rule FailureCodeSent { get; } = new("wire.failure-code-sent", RequirementLevel.Should, "RFC6455 7.1.7");

        /// <summary>
        /// Under --close-codes rfc6455, 1012-1014 are codes §7.4.2 reserves "for definition by this protocol, its future
        /// revisions, and extensions", and §7.4 leaves the receiver's action for such a code undefined: failing the
        /// connection is judged as a SHOULD, as for every code §7.4 does not allow (Autobahn 7.9.x is stricter).
        /// </summary>
        public static Rule UnassignedCodeFails { get; } = new("wire.unassigned-code-fails", RequirementLevel.Should, "RFC6455 7.4.2");

        /// <summary>
        /// §7.4.1: "1005 is a reserved value and MUST NOT be set as a status code in a Close control frame by an
        /// endpoint" (likewise 1006 and 1015); §7.4.2: "Status codes in the range 0-999 are not used."
        /// </summary>
        public static Rule CloseCodeAllowed { get; } = new("wire.close-code-allowed", RequirementLevel.Must, "RFC6455 7.4");

        /// <summary>
        /// §7.1.7: "an appropriate status code (Section 7.4)", e.g. §7.4.1: "1002 indicates that an endpoint is
        /// terminating the connection due to a protocol error."
        /// </summary>
        public static Rule FittingFailureCode { get; } = new("wire.fitting-failure-code", RequirementLevel.Should, "RFC6455 7.4.1");

        /// <summary>
        /// §5.5.1: "If there is a body, the first two bytes of the body MUST be a 2-byte unsigned integer (in network
        /// byte order) representing a status code with value /code/ defined in Section 7.4."
        /// </summary>
        public static Rule CloseBodyHasCode { get; } = new("wire.close-body-has-code", RequirementLevel.Must, "RFC6455 5.5.1");

        /// <summary>
        /// §5.5.1: "When sending a Close frame in response, the endpoint typically echos the status code it
        /// received." "Typically" is no requirement: another valid code is recorded as informational (a code §7.4
        /// does not allow is <see cref="CloseCodeAllowed"/>). Also applied to the close event a browser sees.
        /// </summary>
        public static Rule CloseCodeEchoed { get; } = new("wire.close-code-echoed", RequirementLevel.Informational, "RFC6455 5.5.1");

        /// <summary>§5.5.2: "It SHOULD respond with Pong frame as soon as is practical."</summary>
        public static Rule PongPromptly { get; } = new("wire.pong-promptly", RequirementLevel.Should, "RFC6455 5.5.2");

        /// <summary>§5.5.1: "The application MUST NOT send any more data frames after sending a Close frame."</summary>
        public static Rule NoDataAfterClose { get; } = new("wire.no-data-after-close", RequirementLevel.Must, "RFC6455 5.5.1");

        /// <summary>§5.5: "All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented."</summary>
        public static Rule ControlFramesValid { get; } = new("wire.control-frames-valid", RequirementLevel.Must, "RFC6455 5.5");

        /// <summary>
        /// §5.5.1: "Following the 2-byte integer, the body MAY contain UTF-8-encoded data with value /reason/". The
        /// reason itself is a MAY; one that is not UTF-8 is judged at SHOULD level.
        /// </summary>
        public static Rule CloseReasonUtf8 { get; } = new("wire.close-reason-utf8", RequirementLevel.Should, "RFC6455 5.5.1");

        /// <summary>§5.1: "A server MUST NOT mask any frames that it sends to the client."</summary>
        public static Rule ServerFramesUnmasked { get; } = new("wire.server-frames-unmasked", RequirementLevel.Must, "RFC6455 5.1");

        /// <summary>§5.1: "a client MUST mask all frames that it sends to the server".</summary>
        public static Rule ClientFramesMasked { get; } = new("wire.client-frames-masked", RequirementLevel.Must, "RFC6455 5.1");

        /// <summary>§5.2: "the minimal number of bytes MUST be used to encode the length".</summary>
        public static Rule MinimalLength { get; } = new("wire.minimal-length", RequirementLevel.Must, "RFC6455 5.2");

        /// <summary>
        /// §5.2: RSV1, RSV2, RSV3 "MUST be 0 unless an extension is negotiated that defines meanings for non-zero
        /// values."
        /// </summary>
        public static Rule RsvZero { get; } = new("wire.rsv-zero", RequirementLevel.Must, "RFC6455 5.2");

        /// <summary>
        /// §5.3: "When preparing a masked frame, the client MUST pick a fresh masking key from the set of allowed
        /// 32-bit values."
        /// </summary>
        public static Rule FreshMaskKeys { get; } = new("wire.fresh-mask-keys", RequirementLevel.Must, "RFC6455 5.3");

        /// <summary>The rule of a frame invariant, which a case dedicated to it turns into its verdict.</summary>
        public static Rule For(InvariantCheck check) => check switch
        {
            InvariantCheck.ServerFramesUnmasked => ServerFramesUnmasked,
            InvariantCheck.ClientFramesMasked => ClientFramesMasked,
            InvariantCheck.MinimalLength => MinimalLength,
            InvariantCheck.RsvZero => RsvZero,
            InvariantCheck.FreshMaskKeys => FreshMaskKeys,
            InvariantCheck.NoDataAfterClose => NoDataAfterClose,
            InvariantCheck.ControlFramesValid => ControlFramesValid,
            InvariantCheck.CloseReasonUtf8 => CloseReasonUtf8,
            _ => throw new ArgumentOutOfRangeException(nameof(check), check, "no rule for this invariant"),
        };
    }
}
