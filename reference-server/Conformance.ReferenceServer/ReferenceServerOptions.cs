namespace Conformance.ReferenceServer;

/// <summary>How to start a <see cref="ReferenceServer"/>.</summary>
public sealed record ReferenceServerOptions
{
    /// <summary>The defect the server commits; <see cref="Defect.None"/> for the correct server.</summary>
    public Defect Defect { get; init; } = Defect.None;

    /// <summary>The TCP port on 127.0.0.1 to listen on; 0 lets the operating system pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve TLS (wss://) with this certificate instead of plain ws://.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; init; }
}
