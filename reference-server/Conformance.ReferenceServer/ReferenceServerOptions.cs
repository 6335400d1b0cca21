namespace Conformance.ReferenceServer;

/// <summary>How to start a <see cref="ReferenceServer"/>.</summary>
public sealed record ReferenceServerOptions
{
    /// <summary>The default <see cref="MaxMessageSize"/>: 64 MiB.</summary>
    public const int DefaultMaxMessageSize = 64 * 1024 * 1024;

    /// <summary>The defect the server commits; <see cref="Defect.None"/> for the correct server.</summary>
    public Defect Defect { get; init; } = Defect.None;

    /// <summary>
    /// The legitimate choice the server makes; <see cref="Variant.None"/> for the reference server's own. Independent
    /// of <see cref="Defect"/>: both can be set.
    /// </summary>
    public Variant Variant { get; init; } = Variant.None;

    /// <summary>The default <see cref="IdleCloseAfter"/>: 2 s.</summary>
    public static readonly TimeSpan DefaultIdleCloseAfter = TimeSpan.FromSeconds(2);

    /// <summary>With <see cref="Variant.IdleClose1001"/>: how long a connection may stay silent before it is closed with 1001.</summary>
    public TimeSpan IdleCloseAfter { get; init; } = DefaultIdleCloseAfter;

    /// <summary>
    /// The subprotocols /echo supports, in no order of preference: the client's order decides (the first offered one it
    /// supports is selected; the last with <see cref="Variant.SelectsLastSubprotocol"/>).
    /// </summary>
    public IReadOnlyList<string> Subprotocols { get; init; } = ["conformance.v1", "chat"];

    /// <summary>The TCP port on 127.0.0.1 to listen on; 0 lets the operating system pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve TLS (wss://) with this certificate instead of plain ws://.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }

    /// <summary>The largest message, in bytes, that is echoed; a larger one is refused with Close 1009.</summary>
    public int MaxMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>
    /// When set, every request under <c>/api</c> needs <c>Authorization: Bearer</c> with this token (RFC 6750 §2.1;
    /// a b64token); without valid credentials it gets 401 and a Bearer challenge. Unset with the other REST
    /// credentials (the default): the REST API is open.
    /// </summary>
    public string? RestBearerToken { get; init; }

    /// <summary>
    /// A second bearer token that may only read: GET, HEAD and OPTIONS pass, any other method gets 403 with
    /// <c>error="insufficient_scope"</c> (RFC 6750 §3.1). Setting it turns REST authentication on.
    /// </summary>
    public string? RestReadOnlyToken { get; init; }

    /// <summary>
    /// With <see cref="RestBasicPassword"/>, the user-id that <c>Authorization: Basic</c> must carry (RFC 7617);
    /// it may not contain a colon. Setting both turns REST authentication on; with a bearer token too, either
    /// scheme is accepted and a 401 offers both challenges.
    /// </summary>
    public string? RestBasicUser { get; init; }

    /// <summary>The password that goes with <see cref="RestBasicUser"/>; one of the two alone is an error.</summary>
    public string? RestBasicPassword { get; init; }
}
