using System.Diagnostics;
using System.Reflection;
using Conformance.ReportSite.Model;
using Conformance.ReportSite.Writing;
using Conformance.Suite.Results;

namespace Conformance.ReportSite;

/// <summary>What a written site holds.</summary>
public sealed record SiteOutcome(string Root, string IndexPath, int Files, TimeSpan Elapsed)
{
    /// <summary>Full paths of the diff pages, in the order of <see cref="SiteInput.Comparisons"/>.</summary>
    public IReadOnlyList<string> ComparisonPaths { get; init; } = [];
}

/// <summary>
/// Writes the static report site: index (targets x cases), a run page and a page per case for each target,
/// the catalogue, the clause index and the bundled RFCs, plus the stylesheet. No script, no external resource:
/// the pages work from file:// and from any static host, under a Content-Security-Policy that forbids scripts.
/// </summary>
public static class SiteWriter
{
    /// <summary>The policy in every page's meta element (a static host should also send it as a header).</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>Why a site cannot be written into a folder (a file, or a non-empty folder that holds no earlier report); null when it can.</summary>
    public static string? FolderProblem(string path) => SiteFolder.Problem(path);

    /// <summary>Writes the site into <paramref name="outDirectory"/> (created; an earlier site there is replaced); returns where its index is.</summary>
    public static async Task<SiteOutcome> WriteAsync(SiteInput input, string outDirectory, TemplateRenderer? renderer = null, CancellationToken cancellationToken = default)
    {
        if (input.Runs.Count == 0 && input.Catalogue is null)
        {
            throw new SiteException("a site needs at least one results file");
        }

        renderer ??= TemplateRenderer.Default;
        var clock = Stopwatch.StartNew();
        var folder = SiteFolder.Prepare(outDirectory);
        var builder = new SiteBuilder(input);
        await renderer.WarmUpAsync();

        var comparisons = new List<Link>();
        foreach (var (before, after) in input.Comparisons)
        {
            if (before < 0 || after < 0 || before >= builder.Targets.Count || after >= builder.Targets.Count || before == after)
            {
                throw new ArgumentException($"comparison ({before}, {after}) does not name two of the {builder.Targets.Count} runs", nameof(input));
            }

            var page = builder.Compare(builder.Targets[before], builder.Targets[after]);
            var file = SiteBuilder.CompareFile(page.Before, page.After);
            await folder.WriteAsync(file, await renderer.RenderAsync("Compare", page), cancellationToken);
            comparisons.Add(new Link($"{page.Before.Label} → {page.After.Label}", file));
        }

        await folder.WriteAsync("index.html", await renderer.RenderAsync("Matrix", builder.Matrix(comparisons)), cancellationToken);
        await folder.WriteAsync("catalogue.html", await renderer.RenderAsync("Catalogue", builder.Catalogue()), cancellationToken);
        await folder.WriteAsync("clauses.html", await renderer.RenderAsync("Clauses", builder.ClauseIndex()), cancellationToken);
        foreach (var rfc in builder.Rfcs())
        {
            await folder.WriteAsync($"rfc/{rfc.Document.FileName}", await renderer.RenderAsync("Rfc", rfc), cancellationToken);
        }

        foreach (var asset in Assets())
        {
            await folder.WriteAsync(asset.Name, asset.Content, cancellationToken);
        }

        foreach (var target in builder.Targets)
        {
            await folder.WriteAsync($"targets/{target.Slug}/index.html", await renderer.RenderAsync("Run", builder.Run(target)), cancellationToken);
            await folder.WriteAsync($"targets/{target.Slug}/results.json", System.Text.Encoding.UTF8.GetBytes(ResultsJson.Serialize(target.Report)), cancellationToken);
        }

        // Case pages are most of the work; the template is compiled by the first one, then pages render in parallel.
        var pages = builder.Targets.SelectMany(t => builder.Cases(t).Select(c => (Path: $"targets/{t.Slug}/{c.File}.html", c.Page))).ToList();
        if (pages.Count > 0)
        {
            await folder.WriteAsync(pages[0].Path, await renderer.RenderAsync("Case", pages[0].Page), cancellationToken);
        }

        await Parallel.ForEachAsync(pages.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (page, token) =>
            await folder.WriteAsync(page.Path, await renderer.RenderAsync("Case", page.Page), token));

        await folder.FinishAsync(cancellationToken);
        return new SiteOutcome(folder.Root, Path.Combine(folder.Root, "index.html"), folder.FileCount, clock.Elapsed)
        {
            ComparisonPaths = comparisons.Select(c => Path.Combine(folder.Root, c.Href)).ToList(),
        };
    }

    private static IEnumerable<(string Name, byte[] Content)> Assets()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith("Assets/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            yield return (resource.ToLowerInvariant(), copy.ToArray());
        }
    }
}
