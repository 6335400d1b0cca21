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
}
