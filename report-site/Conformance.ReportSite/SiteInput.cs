using System.Text.Json;
using Conformance.ReportSite.Writing;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.ReportSite;

/// <summary>What a site is made from: any number of runs (one per target), and the catalogue when it is at hand.</summary>
public sealed record SiteInput
{
    /// <summary>Largest results file read (a full-tier run with every wire log is a few MiB).</summary>
    public const long MaxResultsBytes = 256L * 1024 * 1024;

    /// <summary>The runs, one column each in the matrix, in the order given.</summary>
    public required IReadOnlyList<RunReport> Runs { get; init; }
    /// <summary>The catalogue, for requirements and the catalogue pages; without it they come from the results.</summary>
    public CatalogueSet? Catalogue { get; init; }
    /// <summary>The generating tool, shown in every footer.</summary>
    public required string Generator { get; init; }

    /// <summary>Reads results files; a missing, oversized, malformed or foreign file is a <see cref="SiteException"/> naming it.</summary>
    public static RunReport ReadResults(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new SiteException($"results file '{path}' does not exist");
        }

        if (file.Length > MaxResultsBytes)
        {
            throw new SiteException($"results file '{path}' is {file.Length / (1024 * 1024)} MiB; the limit is {MaxResultsBytes / (1024 * 1024)} MiB");
        }

        RunReport report;
        try
        {
            report = ResultsJson.Deserialize(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new SiteException($"results file '{path}' is not a results.json: {e.Message}", e);
        }

        if (report.SchemaVersion != RunReport.CurrentSchemaVersion)
        {
            throw new SiteException($"results file '{path}' has schemaVersion {report.SchemaVersion}; this tool reads {RunReport.CurrentSchemaVersion}");
        }

        return Normalized(report) ?? throw new SiteException($"results file '{path}' has null where a value is required (run, target url, catalogue, a case, or a case's id, area, title or clause)");
    }

    // The serializer enforces required members but lets an explicit null through; pages must never meet one.
    private static RunReport? Normalized(RunReport report)
    {
        var run = report.Run;
        if (run?.Target?.Url is null || run.Catalogue?.Version is null || run.Tool is null || report.Cases is null
            || report.Cases.Any(c => c?.Id is null || c.Area is null || c.Title is null || c.Clause is null))
        {
            return null;
        }

        return report with
        {
            Run = run with
            {
                Implementation = run.Implementation ?? new ImplementationInfo(),
                Options = Clean(run.Options),
                Capabilities = Clean(run.Capabilities),
            },
            Cases = report.Cases.Select(c => c with
            {
                Requirement = c.Requirement ?? "",
                Expected = c.Expected ?? "",
                Observed = c.Observed ?? "",
                Rerun = c.Rerun ?? "",
                Source = c.Source ?? "builtin",
                Metrics = c.Metrics ?? new Dictionary<string, double>(),
                Annotations = c.Annotations?.OfType<string>().ToList() ?? [],
                Wire = c.Wire?.OfType<WireEvent>().ToList() ?? [],
            }).ToList(),
        };
    }

    private static Dictionary<string, string> Clean(IReadOnlyDictionary<string, string>? pairs) =>
        pairs?.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? [];
}
