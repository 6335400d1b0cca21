namespace Conformance.ReferenceServer;

/// <summary>
/// A legitimate choice that a variant of the reference server makes: of RFC 6455 on <c>/echo</c>, or (the
/// <c>Rest…</c> values) of RFC 9110 / RFC 9457 on the reference REST API under <c>/api</c>. Each variant is the
/// correct reference server plus exactly one choice the RFC allows, the mirror image of a <see cref="Defect"/>:
/// a conformance case must not fail it.
/// </summary>
public enum Variant
{
    /// <summary>The reference server's own choices.</summary>
    None,

    /// <summary>
    /// A message above 64 KiB gets Close 1009. RFC 6455 §7.4.1: "1009 indicates that an endpoint is terminating the
    /// connection because it has received a message that is too big for it to process"; §10.4: "Such an
    /// implementation SHOULD impose a limit on frame sizes and the total message size after reassembly from
    /// multiple frames."
    /// </summary>
    MessageLimit64KiB,

    /// <summary>A message above 1 MiB gets Close 1009 (RFC 6455 §7.4.1 and §10.4, quoted at <see cref="MessageLimit64KiB"/>).</summary>
    MessageLimit1MiB,

    /// <summary>
    /// A single data frame whose payload is above 16 KiB gets Close 1009; a larger message made of smaller frames is
    /// still echoed. RFC 6455 §10.4: "Implementations that have implementation- and/or platform-specific limitations
    /// regarding the frame size or total message size after reassembly from multiple frames MUST protect themselves
    /// against exceeding those limits."
    /// </summary>
    FrameLimit16KiB,

    /// <summary>
    /// The server sends its own Ping, with a payload unique on the connection, 100 ms after the connection opens and
    /// 100 ms after each Pong, and never closes for a Pong that is late. RFC 6455 §5.5.2: "An endpoint MAY send a
    /// Ping frame any time after the connection is established and before the connection is closed."
    /// </summary>
    PingsEvery100Ms,

    /// <summary>
    /// A connection on which nothing arrives for <see cref="ReferenceServerOptions.IdleCloseAfter"/> is closed with
    /// 1001. RFC 6455 §7.4.1: "1001 indicates that an endpoint is "going away", such as a server going down or a
    /// browser having navigated away from a page."
    /// </summary>
    IdleClose1001,

    /// <summary>
    /// The server sends a Pong, never asked for, every 100 ms on every open connection. RFC 6455 §5.5.3: "A Pong frame
    /// MAY be sent unsolicited. This serves as a unidirectional heartbeat."
    /// </summary>
    UnsolicitedPongsEvery100Ms,

    /// <summary>
    /// Of the offered subprotocols it supports, the server selects the last offered, not the first. RFC 6455 §4.2.2
    /// /subprotocol/: "The value chosen MUST be derived from the client's handshake, specifically by selecting one of
    /// the values from the |Sec-WebSocket-Protocol| field that the server is willing to use for this connection (if
    /// any)."
    /// </summary>
    SelectsLastSubprotocol,

    /// <summary>
    /// A handshake whose Sec-WebSocket-Protocol offer holds no subprotocol the server supports gets 400; a handshake
    /// without an offer is still accepted. RFC 6455 §4.2.2 step 5: "If the server chooses to accept the incoming
    /// connection, it MUST reply with a valid HTTP response indicating the following."
    /// </summary>
    RefusesUnknownSubprotocol,

    /// <summary>
    /// A handshake that offers no subprotocol the server supports, or none at all, gets 400 (RFC 6455 §4.2.2 step 5,
    /// quoted at <see cref="RefusesUnknownSubprotocol"/>).
    /// </summary>
    RequiresSubprotocol,

    /// <summary>
    /// A handshake that offers any extension gets 400: the server supports none (RFC 6455 §4.2.2 step 5, quoted at
    /// <see cref="RefusesUnknownSubprotocol"/>).
    /// </summary>
    RefusesUnknownExtension,

    /// <summary>
    /// Each data frame is echoed as soon as it has arrived whole, as a fragment of the echo (the message's opcode on
    /// the first frame, continuation after, FIN where the client's FIN was), instead of whole messages. RFC 6455 §5.4:
    /// "A sender MAY create fragments of any size for non-control messages."
    /// </summary>
    RelaysFragments,

    /// <summary>
    /// Every message above 4 KiB is echoed as frames of 4 KiB (the last one shorter). RFC 6455 §5.4: "A sender MAY
    /// create fragments of any size for non-control messages."
    /// </summary>
    Refragments4KiB,

    /// <summary>
    /// When the server fails the connection (a protocol error, invalid UTF-8) it closes TCP without sending a Close.
    /// RFC 6455 §7.1.7: "If _The WebSocket Connection is Established_ prior to the point where the endpoint is required
    /// to _Fail the WebSocket Connection_, the endpoint SHOULD send a Close frame with an appropriate status code
    /// (Section 7.4) before proceeding to _Close the WebSocket Connection_." — a SHOULD, and "An endpoint MAY omit
    /// sending a Close frame if it believes the other side is unlikely to be able to receive and process the Close frame".
    /// </summary>
    FailsByDropping,

    /// <summary>
    /// A Close from the client is answered with an empty Close (no status code). RFC 6455 §5.5.1: "(When sending a
    /// Close frame in response, the endpoint typically echos the status code it received.)" — typically, not always.
    /// </summary>
    CloseReplyEmpty,

    /// <summary>A Close from the client is answered with 1000 and no reason (RFC 6455 §5.5.1, quoted at <see cref="CloseReplyEmpty"/>).</summary>
    CloseReply1000,

    /// <summary>
    /// Ids under <c>/api</c> are UUIDs (RFC 9562 form); an item URL whose id is not one gets 400. RFC 9110 §15.5.1:
    /// "The 400 (Bad Request) status code indicates that the server cannot or will not process the request due to
    /// something that is perceived to be a client error (e.g., malformed request syntax, invalid request message
    /// framing, or deceptive request routing)." Profile: fixtures/rest/reference-uuid.profile.yaml.
    /// </summary>
    RestUuidIds,

    /// <summary>
    /// No ETag and no Last-Modified on any response, so no precondition can refer to a validator: If-Modified-Since and
    /// If-Unmodified-Since are ignored (RFC 9110 §13.1.3 and §13.1.4: "A recipient MUST ignore the ... header field if
    /// the resource does not have a modification date available."), and If-Match / If-None-Match are still evaluated,
    /// against a representation that has no entity tag. RFC 9110 §8.8.3.1: "An origin server SHOULD send an ETag for
    /// any selected representation for which detection of changes can be reasonably and consistently determined".
    /// Profile: fixtures/rest/reference-no-conditional.profile.yaml.
    /// </summary>
    RestNoConditional,

    /// <summary>
    /// Well-formed JSON of the wrong shape gets 400 instead of 422. RFC 9110 §15.5.1 (400: "the server cannot or will
    /// not process the request due to something that is perceived to be a client error") covers it as well as §15.5.21
    /// (422: "the server understands the content type of the request content ... but it was unable to process the
    /// contained instructions").
    /// </summary>
    RestBadRequestForWrongShape,

    /// <summary>
    /// Errors are plain <c>application/json</c> (<c>{"error": "..."}</c>), not RFC 9457 problem details. RFC 9457 §1:
    /// "This specification's aim is to define common error formats for applications that need one"; "Even if an
    /// application chooses not to use it to convey errors, reviewing its design can help guide the design decisions
    /// faced when conveying errors in an existing format." Profile: fixtures/rest/reference-plain-errors.profile.yaml
    /// (<c>problemDetails: false</c>).
    /// </summary>
    RestPlainJsonErrors,
}
