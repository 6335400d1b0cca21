using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Suite.Oracles.Browser;

/// <summary>What the harness page saw during one browser case (harness.js, run()); untrusted until bounded.</summary>
public sealed record BrowserObservation
{
    public string? ConstructorError { get; init; }
    public bool Opened { get; init; }
    public bool TimedOut { get; init; }
    public IReadOnlyList<int> ReadyStates { get; init; } = [];
    public string? Protocol { get; init; }
    public string? Extensions { get; init; }
    public int Errors { get; init; }
    public CloseSeen? Close { get; init; }
    public IReadOnlyList<EchoSeen> Echoes { get; init; } = [];
    public string? Skipped { get; init; }
    public BufferedSeen? Buffered { get; init; }
    public IReadOnlyList<PageEvent> Events { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static BrowserObservation From(JsonElement element) =>
        element.Deserialize<BrowserObservation>(Json) ?? throw new JsonException("the page returned null");
}

/// <summary>The close event: code, reason and wasClean.</summary>
public sealed record CloseSeen(int Code, string Reason, bool WasClean)
{
    public override string ToString() => $"close event code {Code}, reason \"{Reason}\", wasClean {(WasClean ? "true" : "false")}";
}

/// <summary>One echo: what was sent and what came back.</summary>
public sealed record EchoSeen
{
    public bool Missing { get; init; }
    public string? SentKind { get; init; }
    public string? ReceivedKind { get; init; }
    public long SentBytes { get; init; }
    public long ReceivedBytes { get; init; }
    public bool Equal { get; init; }
    public long FirstDifference { get; init; } = -1;

    public override string ToString() => Missing
        ? "no echo"
        : $"sent {SentKind} of {SentBytes} bytes, received {ReceivedKind} of {ReceivedBytes} bytes" + (Equal ? ", identical" : FirstDifference >= 0 ? $", first difference at byte {FirstDifference}" : ", of another kind");
}

/// <summary>bufferedAmount right after send(), its maximum, and whether (and when) it drained to 0.</summary>
public sealed record BufferedSeen(long AfterSend, long Max, bool Drained, long? DrainedMs);

/// <summary>One line of the page's event log.</summary>
public sealed record PageEvent(long Ms, string Kind, string Detail);
