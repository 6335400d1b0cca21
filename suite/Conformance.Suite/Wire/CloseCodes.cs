namespace Conformance.Suite.Wire;

/// <summary>How a close status code may be used on the wire (§7.4).</summary>
public enum CloseCodeClass
{
    /// <summary>Defined by §7.4.1, registered (1012-1014 under the IANA policy), or in 3000-4999.</summary>
    Valid,
    /// <summary>Below 1000, reserved, never-on-the-wire (1005, 1006, 1015) or unassigned in 1000-2999.</summary>
    Invalid,
    /// <summary>5000 and above: §7.4.2 defines nothing there.</summary>
    Undefined,
}

/// <summary>Which registry decides 1012-1014: RFC 6455 alone, or the IANA registry that added them later.</summary>
public enum CloseCodePolicy
{
    /// <summary>1012-1014 are valid (IANA "WebSocket Close Code Number Registry").</summary>
    Iana,
    /// <summary>Only codes RFC 6455 itself defines.</summary>
    Rfc6455,
}

/// <summary>Named close codes and their classification.</summary>
public static class CloseCodes
{
    /// <summary>1000 normal closure.</summary>
    public const ushort Normal = 1000;
    /// <summary>1001 going away.</summary>
    public const ushort GoingAway = 1001;
    /// <summary>1002 protocol error.</summary>
    public const ushort ProtocolError = 1002;
    /// <summary>1003 unsupported data.</summary>
    public const ushort UnsupportedData = 1003;
    /// <summary>1005: §7.4.1 "MUST NOT be set as a status code in a Close control frame by an endpoint".</summary>
    public const ushort NoStatusReceived = 1005;
    /// <summary>1006: never on the wire either.</summary>
    public const ushort Abnormal = 1006;
    /// <summary>1007 invalid frame payload data (e.g. non-UTF-8 text).</summary>
    public const ushort InvalidPayload = 1007;
    /// <summary>1008 policy violation.</summary>
    public const ushort PolicyViolation = 1008;
    /// <summary>1009 message too big.</summary>
    public const ushort MessageTooBig = 1009;
    /// <summary>1011 internal error.</summary>
    public const ushort InternalError = 1011;
    /// <summary>1015 TLS failure, never on the wire.</summary>
    public const ushort TlsHandshake = 1015;
    /// <summary>§5.5.1: "the first two bytes of the body MUST be a 2-byte unsigned integer".</summary>
    public const int CodeSize = 2;
    /// <summary>§5.5 control payload limit minus the code: the longest reason.</summary>
    public const int MaxReasonBytes = FrameCodec.MaxControlPayload - CodeSize;

    /// <summary>Classifies <paramref name="code"/> under <paramref name="policy"/> (§7.4.1, §7.4.2).</summary>
    public static CloseCodeClass Classify(int code, CloseCodePolicy policy = CloseCodePolicy.Iana) => code switch
    {
        < 1000 => CloseCodeClass.Invalid,
        >= 1000 and <= 1003 => CloseCodeClass.Valid,
        >= 1007 and <= 1011 => CloseCodeClass.Valid,
        >= 1012 and <= 1014 => policy == CloseCodePolicy.Iana ? CloseCodeClass.Valid : CloseCodeClass.Invalid,
        >= 3000 and <= 4999 => CloseCodeClass.Valid,
        >= 5000 => CloseCodeClass.Undefined,
        _ => CloseCodeClass.Invalid,
    };
}
