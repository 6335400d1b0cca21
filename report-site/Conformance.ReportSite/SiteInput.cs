using Conformance.ReportSite.Model;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.ReportSite;

/// <summary>
/// What a site is made from: any number of runs (one per target), and the catalogue when it is at hand. Without
/// runs, the catalogue alone makes a site of its pages.
/// </summary>
public sealed record SiteInput
{
    /// <summary>The matrix page's title.</summary>
    public string Title { get; init; } = "Conformance report";
    /// <summary>The runs, one column each in the matrix, in the order given.</summary>
    public required IReadOnlyList<RunReport> Runs { get; init; }
    /// <summary>The catalogue, for requirements and the catalogue pages; without it they come from the results.</summary>
    public CatalogueSet? Catalogue { get; init; }
    /// <summary>Diff pages to write: each pair indexes <see cref="Runs"/> (earlier run, later run).</summary>
    public IReadOnlyList<(int Before, int After)> Comparisons { get; init; } = [];
    /// <summary>
    /// Facts shown first on each run's page, in the order of <see cref="Runs"/> (a hosted run's uploader and upload
    /// time); runs past the end of the list have none.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Provenance { get; init; } = [];
    /// <summary>Links about each run, in the order of <see cref="Runs"/>, shown beside it in the matrix and on its page.</summary>
    public IReadOnlyList<IReadOnlyList<Link>> RunLinks { get; init; } = [];
    /// <summary>Links shown first in every page's navigation.</summary>
    public IReadOnlyList<Link> Navigation { get; init; } = [];
    /// <summary>The generating tool, shown in every footer.</summary>
    public required string Generator { get; init; }

    /// <summary>Reads a results file; a missing, oversized, malformed or foreign file is a <see cref="SiteException"/> naming it.</summary>
    public static RunReport ReadResults(string path) =>
        InputFile.ReadResults(path, out var problem) ?? throw new SiteException(problem!);
}
