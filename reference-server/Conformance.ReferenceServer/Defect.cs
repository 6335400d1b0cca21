namespace Conformance.ReferenceServer;

/// <summary>
/// A deliberate violation that a fixture variant of the reference server commits: of RFC 6455 on
/// <c>/echo</c>, or (the <c>Rest…</c> values) of HTTP semantics on the reference REST API under <c>/api</c>.
/// Each variant is the correct reference server plus exactly one change, so a conformance
/// case can be shown to catch the violation it is written for.
/// </summary>
public enum Defect
{
    /// <summary>The correct reference server.</summary>
    None,

    /// <summary>The 101 response carries a Sec-WebSocket-Accept computed with the wrong GUID.</summary>
    WrongAcceptKey,

    /// <summary>A handshake with Sec-WebSocket-Version: 99 is upgraded as if it said 13.</summary>
    AcceptsVersion99,

    /// <summary>
    /// Any Sec-WebSocket-Key is upgraded, answered with the accept value of what the client sent: one that is not base64,
    /// decodes to other than 16 bytes, or is sent on two lines. Breaks RFC 6455 §4.2.1: a handshake that does not match
    /// the description, "including but not limited to any violations of the ABNF grammar", the server "MUST stop
    /// processing".
    /// </summary>
    AcceptsMalformedKeys,

    /// <summary>The 426 answer to an unsupported version lacks the Sec-WebSocket-Version header.</summary>
    MissingVersionHeaderOnReject,

    /// <summary>The 101 response always selects the subprotocol "unoffered.example".</summary>
    SelectsUnofferedSubprotocol,

    /// <summary>Unmasked client frames are processed instead of failing the connection.</summary>
    AcceptsUnmaskedFrames,

    /// <summary>Every frame the server sends is masked with a random key.</summary>
    MasksOwnFrames,

    /// <summary>RSV1-3 on client frames are cleared instead of failing the connection.</summary>
    IgnoresRsvBits,

    /// <summary>Client frames with a reserved opcode (3-7, 11-15) are silently dropped.</summary>
    AcceptsReservedOpcodes,

    /// <summary>Every server frame header uses the 64-bit length form, whatever the payload size.</summary>
    NonMinimalLengths,

    /// <summary>The most significant bit of a client frame's 64-bit length is ignored.</summary>
    IgnoresLengthMsb,

    /// <summary>
    /// Text messages are echoed byte for byte as text without any UTF-8 check, instead of failing the
    /// connection with 1007 when they are not valid UTF-8.
    /// </summary>
    NoUtf8Validation,

    /// <summary>
    /// Each frame of a text message must be valid UTF-8 on its own: a character split across two fragments
    /// fails the connection with 1007. Invalid text still fails with 1007 too.
    /// </summary>
    Utf8CheckedPerFrameOnly,

    /// <summary>A Ping or Pong with FIN clear is processed as if FIN were set, instead of failing the connection.</summary>
    AcceptsFragmentedPings,

    /// <summary>Pings are never answered with a Pong.</summary>
    IgnoresPings,

    /// <summary>Every Pong's first payload byte has all its bits flipped; an empty Pong carries "x" instead.</summary>
    WrongPongPayload,

    /// <summary>A continuation frame while no fragmented message is in progress is silently dropped instead of failing the connection.</summary>
    AcceptsContinuationWithoutStart,

    /// <summary>
    /// A text or binary frame that starts a message while a fragmented message is in progress is silently dropped
    /// instead of failing the connection; the fragmented message carries on.
    /// </summary>
    AcceptsInterleavedDataFrames,

    /// <summary>
    /// A Close with any status code (also 0-999, 1004-1006, 1015-2999 and 5000 up) is echoed with that code,
    /// instead of failing the connection with 1002 when the code is invalid.
    /// </summary>
    AcceptsInvalidCloseCodes,

    /// <summary>
    /// A Close from the client is never answered: the server ignores it and everything after it, and keeps the
    /// connection open until the client closes TCP or the server stops.
    /// </summary>
    NoCloseReply,

    /// <summary>
    /// Once Close frames have gone both ways the server does not close TCP: it waits until the client does
    /// (or the server stops).
    /// </summary>
    KeepsTcpOpenAfterClose,

    /// <summary>
    /// Once Close frames have gone both ways the server closes TCP only 350 ms later (or when the client does): late
    /// for §5.5.1's "immediately", yet within the timeout of every other closing-handshake case.
    /// </summary>
    ClosesTcpLate,

    /// <summary>
    /// The selected subprotocol is written back in upper case ("chat" offered and selected, "CHAT" answered).
    /// Breaks RFC 6455 §4.2.2: the value "MUST be derived from the client's handshake, specifically by selecting
    /// one of the values from the |Sec-WebSocket-Protocol| field"; a browser fails such a connection (§4.1).
    /// </summary>
    SubprotocolEchoedWrongly,

    /// <summary>
    /// The Close the server sends in answer to the client's Close has its status code rewritten to 1005 on the wire
    /// (Closes the server starts itself are left alone). Breaks RFC 6455 §7.4.1: 1005 "MUST NOT be set as a status
    /// code in a Close control frame by an endpoint".
    /// </summary>
    CloseCodeRewritten,

    /// <summary>
    /// Binary messages over 65535 bytes are echoed cut to their first 65535 bytes (a 16-bit length kept somewhere).
    /// Breaks RFC 6455 §6.2: the data of a received message is the concatenation of its fragments' data.
    /// </summary>
    BinaryTruncated,

    /// <summary>
    /// Every Close the server sends is followed by a text frame ("after close"). Breaks RFC 6455 §5.5.1: "The
    /// application MUST NOT send any more data frames after sending a Close frame."
    /// </summary>
    DataAfterClose,

    /// <summary>
    /// Every message of 126 bytes or more gets Close 1009. §10.4 allows limits, but one this small refuses every
    /// message that needs the 16-bit length of §5.2: the suite judges such a limit non-strict.
    /// </summary>
    LimitUnder126,

    /// <summary>
    /// The reason of every Close the server sends is made of 0xFF bytes, which are never UTF-8. Breaks RFC 6455 §5.5.1:
    /// "the body MAY contain UTF-8-encoded data with value /reason/" (judged at SHOULD level).
    /// </summary>
    CloseReasonNotUtf8,

    /// <summary>
    /// Messages over 64 KiB get Close 1009 although the server is declared (--max-message) to take 1 MiB: a limit
    /// below the declared one fails every case between the two.
    /// </summary>
    LimitBelowDeclared,

    /// <summary>
    /// A handshake with Sec-WebSocket-Protocol on more than one line gets 400, while the same offer on one line is
    /// accepted. Breaks RFC 6455 §11.3.4: the header "MAY appear multiple times in an HTTP request (which is logically
    /// the same as a single |Sec-WebSocket-Protocol| header field that contains all values)".
    /// </summary>
    RefusesRepeatedProtocolLines,

    /// <summary>
    /// A POST that creates an item answers 200 instead of 201 (Location, body and validators unchanged).
    /// Breaks RFC 9110 §9.3.3: "the origin server SHOULD send a 201 (Created) response containing a Location
    /// header field that provides an identifier for the primary resource created".
    /// </summary>
    RestCreatedWithout201,

    /// <summary>
    /// The 201 to a POST that creates an item carries no Location (a PUT that creates keeps its own: there the
    /// target URI identifies the new resource). Breaks RFC 9110 §9.3.3, quoted at <see cref="RestCreatedWithout201"/>.
    /// </summary>
    RestCreatedWithoutLocation,

    /// <summary>
    /// 405 responses carry no Allow (OPTIONS still does). Breaks RFC 9110 §15.5.6: "The origin server MUST
    /// generate an Allow header field in a 405 response containing a list of the target resource's currently
    /// supported methods."
    /// </summary>
    RestMethodNotAllowedWithoutAllow,

    /// <summary>
    /// A POST or PUT body that is not well-formed JSON gets 500 (a problem with status 500) instead of 400;
    /// well-formed JSON of the wrong shape still gets 422. Breaks RFC 9110 §15.5.1 (400: "the server cannot
    /// or will not process the request due to something that is perceived to be a client error (e.g.,
    /// malformed request syntax ...)") and §15.6.1 (500 is for "an unexpected condition").
    /// </summary>
    RestServerErrorOnMalformedJson,

    /// <summary>
    /// A HEAD response is followed on the wire by the bytes of the GET body (its Content-Length already
    /// announces them; the header fields are those of a GET). Breaks RFC 9110 §9.3.2: "The HEAD method is
    /// identical to GET except that the server MUST NOT send content in the response."
    /// </summary>
    RestHeadWithBody,

    /// <summary>
    /// 401 responses carry no WWW-Authenticate; only visible when REST authentication is configured. Breaks
    /// RFC 9110 §15.5.2: "The server generating a 401 response MUST send a WWW-Authenticate header field
    /// (Section 11.6.1) containing at least one challenge applicable to the target resource."
    /// </summary>
    RestUnauthorizedWithoutChallenge,

    /// <summary>
    /// A 304 carries the representation: Content-Length equal to the 200's and the body bytes after the head.
    /// Breaks RFC 9110 §15.4.5: "A 304 response is terminated by the end of the header section; it cannot
    /// contain content or trailers."
    /// </summary>
    RestNotModifiedWithBody,

    /// <summary>
    /// If-Match is ignored as if absent, so a PUT or DELETE carrying a stale or weak tag is performed (and a PUT
    /// with "If-Match: *" to a missing id creates it). Breaks RFC 9110 §13.1.1: "An origin server MUST NOT perform
    /// the requested method if a received If-Match condition evaluates to false".
    /// </summary>
    RestIgnoresIfMatch,

    /// <summary>
    /// Every 204 (DELETE, OPTIONS) carries "Content-Length: 0". Breaks RFC 9110 §8.6: "A server MUST NOT send a
    /// Content-Length header field in any response with a status code of 1xx (Informational) or 204 (No Content)."
    /// </summary>
    RestNoContentWithContentLength,

    /// <summary>
    /// POST and PUT parse any request body as JSON whatever its Content-Type (text/plain, application/xml or
    /// none) instead of answering 415. Breaks RFC 9110 §15.5.16 (415: "the content is in a format not supported
    /// by this method on the target resource") and §9.3.4 ("a 415 (Unsupported Media Type) response ... when the
    /// content is in a format the target resource does not support").
    /// </summary>
    RestAcceptsAnyContentType,

    /// <summary>
    /// JSON answers (items, collections, creations) are labelled "text/plain; charset=utf-8". Breaks RFC 9110 §8.3:
    /// "The "Content-Type" header field indicates the media type of the associated representation".
    /// </summary>
    RestJsonMislabelled,
}
