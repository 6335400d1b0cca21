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
