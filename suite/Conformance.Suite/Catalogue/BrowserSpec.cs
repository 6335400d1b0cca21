namespace Conformance.Suite.Catalogue;

/// <summary>What a browser case (a browser: body) has the browser's own WebSocket API do against the target.</summary>
public enum BrowserScenario
{
    /// <summary>Open, watch readyState go CONNECTING → OPEN → CLOSED, close with 1000.</summary>
    Open,
    /// <summary>Offer the subprotocols of the case (or the run's --subprotocol values) and read the protocol attribute.</summary>
    Subprotocol,
    /// <summary>Send one message of the case's kind and size and compare the echo with it.</summary>
    Echo,
    /// <summary>Send a large message, watch bufferedAmount rise and drain to 0, then compare the echo.</summary>
    Buffered,
    /// <summary>Close with the case's code and reason and read the close event.</summary>
    Close,
    /// <summary>Read the extensions attribute (Chromium offers permessage-deflate).</summary>
    Extensions,
    /// <summary>Echo of compressible messages, run only when permessage-deflate was negotiated.</summary>
    CompressedEcho,
    /// <summary>Send one byte more than the declared message limit: the target closes first (1009).</summary>
    TargetCloses,
}

/// <summary>How a message is handed to the browser's send() and read back.</summary>
public enum BrowserPayload
{
    /// <summary>A string.</summary>
    Text,
    /// <summary>An ArrayBuffer, with binaryType "arraybuffer".</summary>
    ArrayBuffer,
    /// <summary>A Blob, with binaryType "blob".</summary>
    Blob,
}

/// <summary>The browser block of a browser case.</summary>
public sealed record BrowserSpec
{
    /// <summary>The scenario the harness page runs.</summary>
    public required BrowserScenario Scenario { get; init; }
    /// <summary>Echo, buffered: the kind of message.</summary>
    public BrowserPayload Payload { get; init; } = BrowserPayload.Text;
    /// <summary>Echo, buffered: the size of a generated message (UTF-8 bytes for text).</summary>
    public int Size { get; init; }
    /// <summary>Echo: a given text instead of a generated one.</summary>
    public string? Text { get; init; }
    /// <summary>Close: the code passed to close().</summary>
    public int? Code { get; init; }
    /// <summary>Close: the reason passed to close().</summary>
    public string? Reason { get; init; }
    /// <summary>Subprotocol: the protocols offered; empty offers the run's --subprotocol values.</summary>
    public IReadOnlyList<string> Protocols { get; init; } = [];
    /// <summary>Subprotocol: offer nothing at all (the protocol attribute must stay "").</summary>
    public bool OfferNone { get; init; }
}
