namespace Conformance.ReferenceServer;

/// <summary>
/// A deliberate RFC 6455 violation that a fixture variant of the reference server commits.
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
}
