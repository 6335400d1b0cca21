namespace Conformance.ReferenceServer;

/// <summary>How to start a <see cref="ReferenceServer"/>.</summary>
public sealed record ReferenceServerOptions
{
    /// <summary>The default <see cref="MaxMessageSize"/>: 64 MiB.</summary>
    public const int DefaultMaxMessageSize = 64 * 1024 * 1024;

    /// <summary>The defect the server commits; <see cref="Defect.None"/> for the correct server.</summary>
    public Defect Defect { get; init; } = Defect.None;

    /// <summary>The TCP port on 127.0.0.1 to listen on; 0 lets the operating system pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve TLS (wss://) with this certificate instead of plain ws://.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }

    /// <summary>The largest message, in bytes, that is echoed; a larger one is refused with Close 1009.</summary>
    public int MaxMessageSize { get; init; } = DefaultMaxMessageSize;
}
