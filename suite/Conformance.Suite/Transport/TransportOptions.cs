namespace Conformance.Suite.Transport;

/// <summary>How to reach a target: TLS trust and timeouts.</summary>
public sealed record TransportOptions
{
    /// <summary>Accept any server certificate (wss:// against self-signed servers).</summary>
    public bool Insecure { get; init; }
    /// <summary>A PEM or DER file holding the CA that signs the target's certificate.</summary>
    public string? CaCertificatePath { get; init; }
    /// <summary>Time allowed for TCP connect plus TLS handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Applies --insecure or --ca-cert to a TLS client's options (the raw client and the REST HttpClient share it).</summary>
    public System.Net.Security.SslClientAuthenticationOptions ApplyTrust(System.Net.Security.SslClientAuthenticationOptions authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        if (Insecure)
        {
#pragma warning disable CA5359 // --insecure is the user's explicit request to test a self-signed server.
            authentication.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (CaCertificatePath is { } caPath)
        {
            var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(caPath);
            authentication.CertificateChainPolicy = new System.Security.Cryptography.X509Certificates.X509ChainPolicy
            {
                TrustMode = System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { ca },
            };
        }

        return authentication;
    }
}

/// <summary>The target could not be reached at all (DNS, refused, unroutable, TLS). Not the target's verdict.</summary>
public sealed class TargetUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TargetUnreachableException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TargetUnreachableException() : base("The target is unreachable.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public TargetUnreachableException(string message) : base(message)
    {
    }
}
