using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>Everything about a run that can change a verdict; recorded in the run info.</summary>
public sealed record RunOptions
{
    /// <summary>The default per-case timeout.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(3000);
    /// <summary>The default wait that concludes "nothing happens".</summary>
    public static readonly TimeSpan DefaultSilence = TimeSpan.FromMilliseconds(500);

    /// <summary>ws://, wss:// (or http(s)://) URL of the target's WebSocket endpoint.</summary>
    public required Uri Target { get; init; }
    /// <summary>Extra request headers given by the user (credentials, cookies...).</summary>
    public IReadOnlyList<HttpHeader> Headers { get; init; } = [];
    /// <summary>Origin header to send, if any.</summary>
    public string? Origin { get; init; }
    /// <summary>Subprotocols offered on every connection (cases may change them).</summary>
    public IReadOnlyList<string> Subprotocols { get; init; } = [];
    /// <summary>Seed of every random choice.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Per-case timeout, counted from the open connection; grows with payload size.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;
    /// <summary>How long a "nothing happens" check waits.</summary>
    public TimeSpan Silence { get; init; } = DefaultSilence;
    /// <summary>Cases run at once.</summary>
    public int Parallel { get; init; } = DefaultParallel;
    /// <summary>TLS and connect settings.</summary>
    public TransportOptions Transport { get; init; } = new();
    /// <summary>Which registry decides close codes 1012-1014.</summary>
    public CloseCodePolicy CloseCodes { get; init; } = CloseCodePolicy.Iana;
    /// <summary>The target's declared message size limit, for the cases that check it is enforced.</summary>
    public long? MaxMessage { get; init; }
    /// <summary>The target's declared frame size limit: cases with a larger frame are not sent.</summary>
    public long? MaxFrame { get; init; }

    /// <summary>
    /// Bounded so that a slow single-threaded target on 2 cores answers within the timeout: twice the cores,
    /// between 2 and 8.
    /// </summary>
    public static int DefaultParallel => Math.Clamp(Environment.ProcessorCount * 2, 2, 8);

    /// <summary>The timeout for a case moving <paramref name="payloadBytes"/>: the base plus 1 s per MiB.</summary>
    public TimeSpan TimeoutFor(long payloadBytes) => Timeout + TimeSpan.FromMilliseconds(payloadBytes / 1024.0);
}
