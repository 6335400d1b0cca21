using Conformance.Suite.Results;
using Conformance.Suite.Transport;

namespace Conformance.Suite.Execution.Scheduling;

/// <summary>The reachability check of runners whose target is a host and port: does it accept a connection now.</summary>
public static class Reachability
{
    /// <summary>Whether <paramref name="target"/> accepts a TCP (and, for wss/https, TLS) connection.</summary>
    public static async Task<bool> AcceptsAsync(Uri target, TransportOptions transport, Redactor redactor, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = await RawConnection.ConnectAsync(target, transport, new WireLog(redactor), cancellationToken);
            return true;
        }
        catch (TargetUnreachableException)
        {
            return false;
        }
    }
}
