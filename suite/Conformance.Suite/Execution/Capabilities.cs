namespace Conformance.Suite.Execution;

/// <summary>What the preflight found the target can do; decides which cases apply.</summary>
public sealed record Capabilities
{
    /// <summary>The preflight could not judge (the handshake failed); every case runs and is judged on its own.</summary>
    public static Capabilities Unknown { get; } = new() { Known = false };

    /// <summary>Whether the preflight completed a handshake.</summary>
    public bool Known { get; init; } = true;
    /// <summary>A text message came back unchanged.</summary>
    public bool EchoesText { get; init; }
    /// <summary>A binary message came back unchanged.</summary>
    public bool EchoesBinary { get; init; }
    /// <summary>A Ping got its Pong.</summary>
    public bool AnswersPing { get; init; }
    /// <summary>A valid upgrade was refused with 401 or 403 (the run lacks credentials) or 404/410 (wrong path).</summary>
    public int? RefusedStatus { get; init; }
    /// <summary>The Server header of the 101, bounded.</summary>
    public string? Server { get; init; }
    /// <summary>The size limits the preflight's ladder learned (§10.4).</summary>
    public TargetLimits Limits { get; init; } = TargetLimits.None;
    /// <summary>What the preflight saw, for the run info.</summary>
    public string Detail { get; init; } = "";

    /// <summary>The capabilities as name/value pairs for the run info.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => !Known
        ? new Dictionary<string, string> { ["preflight"] = Detail }
        : new Dictionary<string, string>
        {
            ["echoText"] = EchoesText ? "yes" : "no",
            ["echoBinary"] = EchoesBinary ? "yes" : "no",
            ["ping"] = AnswersPing ? "yes" : "no",
            ["preflight"] = Detail,
        }.Concat(Limits.ToPairs()).ToDictionary();
}
