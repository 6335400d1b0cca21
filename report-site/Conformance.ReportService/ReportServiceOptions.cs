using Conformance.Suite.Catalogue;

namespace Conformance.ReportService;

/// <summary>How <see cref="ReportService"/> listens and what it allows.</summary>
public sealed record ReportServiceOptions
{
    /// <summary>Where Kestrel listens (port 0: any free port; <see cref="ReportService.BaseUri"/> tells which).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:0";

    /// <summary>Largest upload, compressed on the wire and again once decompressed.</summary>
    public long MaxUploadBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Uploads one token (or one address, before authentication) may make per <see cref="UploadWindow"/>.</summary>
    public int UploadsPerWindow { get; init; } = 60;

    /// <summary>The fixed window of the upload rate limit.</summary>
    public TimeSpan UploadWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Badges one client address may fetch per <see cref="BadgeWindow"/>.</summary>
    public int BadgesPerWindow { get; init; } = 120;

    /// <summary>The fixed window of the badge rate limit.</summary>
    public TimeSpan BadgeWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The catalogue this service ships: its pages, and the hash a run's provenance is checked against.</summary>
    public CatalogueSet? Catalogue { get; init; }

    /// <summary>Where rendered pages are kept (runs never change, so a page is rendered once); a temporary folder when null.</summary>
    public string? PageCacheDirectory { get; init; }

    /// <summary>Bytes the rendered pages may take on disk; past it, the pages viewed least recently are dropped (and rendered again when asked for).</summary>
    public long PageCacheBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>The tool shown in every page footer.</summary>
    public string Generator { get; init; } = "conformance";

    /// <summary>The clock of upload times and token revocation.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
