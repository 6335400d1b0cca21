using Conformance.ReportSite;
using Conformance.Runner.Gate;
using Conformance.Runner.Output;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;
using Spectre.Console;

namespace Conformance.Runner.Commands;

/// <summary>results.json files → the static HTML report site.</summary>
internal static class ReportCommand
{
    /// <summary>`report FILES --out SITE`: 0 when written, 2 on an unreadable file or an unusable folder.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> files, string outDirectory, string? casesDirectory, Terminal terminal, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            terminal.Error("give at least one results.json");
            return ExitCodes.Usage;
        }

        var reports = new List<RunReport>();
        try
        {
            reports.AddRange(files.Select(SiteInput.ReadResults));
        }
        catch (SiteException e)
        {
            terminal.Error(e.Message);
            return ExitCodes.Usage;
        }

        return await WriteAsync(reports, CatalogueFor(casesDirectory, terminal), outDirectory, terminal, cancellationToken) is null ? ExitCodes.Usage : ExitCodes.Success;
    }

    /// <summary>Writes a site and prints where; null (after printing why) when it could not be written.</summary>
    public static async Task<string?> WriteAsync(IReadOnlyList<RunReport> reports, CatalogueSet? catalogue, string outDirectory, Terminal terminal, CancellationToken cancellationToken, IReadOnlyList<(int Before, int After)>? comparisons = null)
    {
        try
        {
            var input = new SiteInput { Runs = reports, Catalogue = catalogue, Comparisons = comparisons ?? [], Generator = RunPipeline.ToolVersion };
            var outcome = await SiteWriter.WriteAsync(input, outDirectory, cancellationToken: cancellationToken);
            terminal.Console.MarkupLine($"report: {outcome.Files} files in {outcome.Elapsed.TotalSeconds:0.0} s: {Markup.Escape(outcome.IndexPath)}");
            foreach (var page in outcome.ComparisonPaths)
            {
                terminal.Console.MarkupLine($"diff page: {Markup.Escape(page)}");
            }

            return outcome.IndexPath;
        }
        catch (SiteException e)
        {
            terminal.Error(e.Message);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Error($"cannot write the report into '{outDirectory}': {e.Message}");
            return null;
        }
    }

    // The catalogue only adds requirement texts and the catalogue pages; a report is still written without it.
    public static CatalogueSet? CatalogueFor(string? casesDirectory, Terminal terminal)
    {
        if (CatalogueLocator.Find() is not { } directory)
        {
            terminal.Line("[grey]no case catalogue found: the catalogue pages list only the cases in the results[/]");
            return null;
        }

        try
        {
            return CatalogueLoader.Load(directory, casesDirectory);
        }
        catch (CatalogueException e)
        {
            terminal.Line($"[grey]the case catalogue could not be read ({Terminal.Safe(e.Message)}); the catalogue pages list only the cases in the results[/]");
            return null;
        }
    }
}
