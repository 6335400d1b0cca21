namespace Conformance.Suite.Results;

/// <summary>What a wire-log entry records.</summary>
public enum WireEventKind
{
    /// <summary>Bytes written or read, as a hex preview.</summary>
    Bytes,
    /// <summary>A frame decoded from what was read, or the frame a send step wrote.</summary>
    Frame,
    /// <summary>An HTTP request or response head.</summary>
    Http,
    /// <summary>The TCP (or TLS) connection opened.</summary>
    Connected,
    /// <summary>The peer closed its side (FIN, read returned 0).</summary>
    Eof,
    /// <summary>The peer reset the connection.</summary>
    Reset,
    /// <summary>Nothing arrived before a deadline.</summary>
    Timeout,
    /// <summary>A remark by the harness (e.g. a server ping answered automatically).</summary>
    Note,
}

/// <summary>The direction of a wire-log entry.</summary>
public enum WireDirection
{
    /// <summary>From the suite to the target.</summary>
    Out,
    /// <summary>From the target to the suite.</summary>
    In,
    /// <summary>Neither: connection state or a harness note.</summary>
    None,
}

/// <summary>
/// One entry of the bounded wire log. Everything in it may come from the target: <see cref="Text"/> and
/// <see cref="Hex"/> are previews bounded by <see cref="WireLog"/>, and reporters must encode them.
/// </summary>
public sealed record WireEvent
{
    /// <summary>Milliseconds since the case started.</summary>
    public double T { get; init; }
    /// <summary>Direction.</summary>
    public WireDirection Dir { get; init; }
    /// <summary>Kind.</summary>
    public WireEventKind Kind { get; init; }
    /// <summary>For frames: the opcode name (text, binary, close, reserved-0x3 ...).</summary>
    public string? Opcode { get; init; }
    /// <summary>For frames: FIN.</summary>
    public bool? Fin { get; init; }
    /// <summary>For frames: RSV1..3 as a number 0-7 (RSV1 = 4).</summary>
    public int? Rsv { get; init; }
    /// <summary>For frames: the mask bit.</summary>
    public bool? Masked { get; init; }
    /// <summary>For frames: the declared payload length; for bytes: the count.</summary>
    public long? Length { get; init; }
    /// <summary>A printable preview (HTTP head, UTF-8 payload, note).</summary>
    public string? Text { get; init; }
    /// <summary>Hex of the first bytes.</summary>
    public string? Hex { get; init; }
}
