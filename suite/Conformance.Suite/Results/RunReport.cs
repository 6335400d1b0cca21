namespace Conformance.Suite.Results;

/// <summary>The implementation under test, as the user names it.</summary>
public sealed record ImplementationInfo
{
    /// <summary>Name (e.g. "ws").</summary>
    public string? Name { get; init; }
    /// <summary>Version (e.g. "8.18.0").</summary>
    public string? Version { get; init; }
}

/// <summary>The catalogue a run used.</summary>
public sealed record CatalogueInfo
{
    /// <summary>The version in cases/catalogue.yaml.</summary>
    public required string Version { get; init; }
    /// <summary>"sha256:" + hash over every case file, so two runs can be known to share a catalogue.</summary>
    public required string Hash { get; init; }
}

/// <summary>The target as run against (secrets redacted).</summary>
public sealed record TargetInfo
{
    /// <summary>The URL, with secrets redacted.</summary>
    public required string Url { get; init; }
    /// <summary>The Server header of the first upgrade answer, bounded, or null.</summary>
    public string? Server { get; init; }
}

/// <summary>Everything about a run that is not a case result.</summary>
public sealed record RunInfo
{
    /// <summary>"conformance X.Y.Z".</summary>
    public required string Tool { get; init; }
    /// <summary>Catalogue version and hash.</summary>
    public required CatalogueInfo Catalogue { get; init; }
    /// <summary>Target.</summary>
    public required TargetInfo Target { get; init; }
    /// <summary>The implementation under test.</summary>
    public ImplementationInfo Implementation { get; init; } = new();
    /// <summary>The seed of every random choice (mask keys, handshake keys, generated payloads).</summary>
    public int Seed { get; init; }
    /// <summary>Every option that can change a verdict, as given (secrets redacted).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
    /// <summary>What the capability preflight found (echo, ping...).</summary>
    public IReadOnlyDictionary<string, string> Capabilities { get; init; } = new Dictionary<string, string>();
    /// <summary>False when the run was interrupted; the cases present are those that finished.</summary>
    public bool Complete { get; init; }
    /// <summary>Start time.</summary>
    public DateTimeOffset StartedAt { get; init; }
    /// <summary>Wall time of the run.</summary>
    public double DurationMs { get; init; }
}

/// <summary>One run against one target: the content of results.json.</summary>
public sealed record RunReport
{
    /// <summary>The version of this format; bumped on any incompatible change.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Format version.</summary>
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    /// <summary>Run information.</summary>
    public required RunInfo Run { get; init; }
    /// <summary>Case results, in catalogue order.</summary>
    public required IReadOnlyList<CaseResult> Cases { get; init; }
}
