using Conformance.Suite.Results;

namespace Conformance.ReportService.Storage;

/// <summary>How many cases of a run reached each verdict.</summary>
public sealed record VerdictCounts(int Pass, int Informational, int Unimplemented, int NonStrict, int Fail, int Error)
{
    /// <summary>Counts the verdicts of a run's cases.</summary>
    public static VerdictCounts Of(IEnumerable<CaseResult> cases)
    {
        var counts = cases.GroupBy(c => c.Verdict).ToDictionary(g => g.Key, g => g.Count());
        return new VerdictCounts(
            counts.GetValueOrDefault(Verdict.Pass),
            counts.GetValueOrDefault(Verdict.Informational),
            counts.GetValueOrDefault(Verdict.Unimplemented),
            counts.GetValueOrDefault(Verdict.NonStrict),
            counts.GetValueOrDefault(Verdict.Fail),
            counts.GetValueOrDefault(Verdict.Error));
    }
}

/// <summary>The indexed columns of a stored run: what lists, filters and pages show without reading the whole run.</summary>
public sealed record RunSummary
{
    /// <summary>The run's id in URLs.</summary>
    public required string Id { get; init; }
    /// <summary>The implementation under test (run.implementation.name).</summary>
    public required string Implementation { get; init; }
    /// <summary>Its version, when the run names one.</summary>
    public string? Version { get; init; }
    /// <summary>The catalogue version the run used.</summary>
    public required string CatalogueVersion { get; init; }
    /// <summary>The catalogue hash the run used ("sha256:...").</summary>
    public required string CatalogueHash { get; init; }
    /// <summary>The tool that ran it ("conformance X.Y.Z").</summary>
    public required string Tool { get; init; }
    /// <summary>The name of the token that uploaded it (provenance).</summary>
    public required string UploadedBy { get; init; }
    /// <summary>When the service stored it.</summary>
    public required DateTimeOffset UploadedAt { get; init; }
    /// <summary>Case counts per verdict.</summary>
    public required VerdictCounts Verdicts { get; init; }
}

/// <summary>A stored run: its summary and the uploaded results.json, kept whole.</summary>
public sealed record StoredRun(RunSummary Summary, string ResultsJson);

/// <summary>A page request over runs, with optional exact-match filters.</summary>
public sealed record RunQuery
{
    /// <summary>Only runs of this implementation.</summary>
    public string? Implementation { get; init; }
    /// <summary>Only runs of this implementation version.</summary>
    public string? Version { get; init; }
    /// <summary>Only runs made with this catalogue version.</summary>
    public string? CatalogueVersion { get; init; }
    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;
    /// <summary>Runs per page.</summary>
    public int PageSize { get; init; } = 20;
}

/// <summary>One page of runs and how many runs match in all.</summary>
public sealed record RunPage(IReadOnlyList<RunSummary> Items, long Total);

/// <summary>An implementation that has runs: how many, and the newest.</summary>
public sealed record ImplementationSummary(string Name, long Runs, RunSummary Latest);

/// <summary>
/// An API token as stored: never the token itself, only its public prefix (to find the record) and the SHA-256 of
/// the whole token (to check it).
/// </summary>
public sealed record StoredToken
{
    /// <summary>Unique name, shown as the uploader of its runs.</summary>
    public required string Name { get; init; }
    /// <summary>The public part of the token that finds this record.</summary>
    public required string Prefix { get; init; }
    /// <summary>SHA-256 of the whole token.</summary>
    public required byte[] Hash { get; init; }
    /// <summary>When set, the token may only upload runs of this implementation.</summary>
    public string? Implementation { get; init; }
    /// <summary>Admin tokens may delete runs.</summary>
    public bool Admin { get; init; }
    /// <summary>Creation time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>When it was revoked; a revoked token authenticates nothing.</summary>
    public DateTimeOffset? RevokedAt { get; init; }
}
