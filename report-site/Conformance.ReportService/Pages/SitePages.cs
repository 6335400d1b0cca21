using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Conformance.ReportService.Storage;
using Conformance.ReportSite;
using Conformance.Suite.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Conformance.ReportService.Pages;

/// <summary>
/// The HTML pages: each is a page of a report site written by <see cref="SiteWriter"/> for the runs it shows, so
/// the service and the static report look and behave the same. <c>/</c> is the matrix of every implementation's
/// newest run, <c>/implementations/{name}</c> an implementation's history (its newest runs side by side),
/// <c>/runs/{id}</c> a run with its provenance, <c>/compare/{a}/{b}</c> the diff of two runs; each redirects to
/// its page under <c>/sites</c>, where relative links between pages work as in the static site.
/// </summary>
internal static class SitePages
{
    /// <summary>How many runs an implementation's history shows.</summary>
    public const int HistoryRuns = 10;

    private const string SitesPath = "/sites";

    public static void Map(WebApplication app, PageCache cache)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = SitesPath,
            FileProvider = new PhysicalFileProvider(cache.Root),
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        string[] reads = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/", reads, HomeAsync);
        app.MapMethods("/implementations/{name}", reads, HistoryAsync);
        app.MapMethods("/runs/{id}", reads, RunAsync);
        app.MapMethods("/compare/{before}/{after}", reads, CompareAsync);
    }

    private static async Task<IResult> HomeAsync(IReportStore store, PageCache cache, ReportServiceOptions options, CancellationToken cancellationToken)
    {
        var newest = (await store.ListImplementationsAsync(cancellationToken).ConfigureAwait(false)).Select(i => i.Latest.Id).ToList();
        if (newest.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No run has been uploaded yet (./run.sh publish RESULTS.json --server URL).");
        }

        var key = "home-" + Hash(newest);
        await cache.EnsureAsync(key, "home-", () => InputAsync(store, options, newest, [], cancellationToken), cancellationToken).ConfigureAwait(false);
        return Redirect(key, "index.html");
    }

    private static async Task<IResult> HistoryAsync(IReportStore store, PageCache cache, ReportServiceOptions options, string name, CancellationToken cancellationToken)
    {
        name = PathSegment.Name(name);
        var page = await store.ListRunsAsync(new RunQuery { Implementation = name, PageSize = HistoryRuns }, cancellationToken).ConfigureAwait(false);
        if (page.Items.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "This implementation has no runs.");
        }

        // Oldest first, so the columns read left to right in time.
        var ids = page.Items.Select(r => r.Id).Reverse().ToList();
        var family = $"impl-{Hash([name])}-";
        var key = family + Hash(ids);
        await cache.EnsureAsync(key, family, () => InputAsync(store, options, ids, [], cancellationToken), cancellationToken).ConfigureAwait(false);
        return Redirect(key, "index.html");
    }

    private static async Task<IResult> RunAsync(IReportStore store, PageCache cache, ReportServiceOptions options, string id, CancellationToken cancellationToken)
    {
        if (!IsRunId(id) || await store.FindRunAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no such run.");
        }

        var key = "run-" + id;
        var folder = await cache.EnsureAsync(key, key, () => InputAsync(store, options, [id], [], cancellationToken), cancellationToken).ConfigureAwait(false);
        // A site of one run has one folder under targets/: that run's page.
        var target = Path.GetFileName(Directory.EnumerateDirectories(Path.Combine(folder, "targets")).Single());
        return Redirect(key, $"targets/{target}/index.html");
    }

    private static async Task<IResult> CompareAsync(IReportStore store, PageCache cache, ReportServiceOptions options, string before, string after, CancellationToken cancellationToken)
    {
        if (!IsRunId(before) || !IsRunId(after) || before == after
            || await store.FindRunAsync(before, cancellationToken).ConfigureAwait(false) is null
            || await store.FindRunAsync(after, cancellationToken).ConfigureAwait(false) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Compare needs two different runs that exist.");
        }

        var key = $"cmp-{before}-{after}";
        var folder = await cache.EnsureAsync(key, key, () => InputAsync(store, options, [before, after], [(0, 1)], cancellationToken), cancellationToken).ConfigureAwait(false);
        var diff = Directory.EnumerateFiles(folder, "compare-*.html").Single();
        return Redirect(key, Path.GetFileName(diff));
    }

    /// <summary>The runs as a site's input, each with its provenance.</summary>
    private static async Task<SiteInput> InputAsync(IReportStore store, ReportServiceOptions options, IReadOnlyList<string> ids, IReadOnlyList<(int, int)> comparisons, CancellationToken cancellationToken)
    {
        var runs = new List<RunReport>();
        var provenance = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        foreach (var id in ids)
        {
            var stored = await store.FindRunAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"run {id} disappeared");
            runs.Add(ResultsJson.Deserialize(stored.ResultsJson));
            provenance.Add(Provenance(stored.Summary, options));
        }

        return new SiteInput { Runs = runs, Provenance = provenance, Catalogue = options.Catalogue, Comparisons = comparisons, Generator = options.Generator };
    }

    /// <summary>Who uploaded the run and when, and whether it was run with the catalogue this service ships.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Provenance(RunSummary run, ReportServiceOptions options) =>
    [
        new("Uploaded with token", run.UploadedBy),
        new("Uploaded", run.UploadedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
        new("Released catalogue", options.Catalogue is not { } catalogue
            ? "unknown: this service has no catalogue to check against"
            : run.CatalogueHash == catalogue.Hash
                ? $"yes: the hash matches catalogue {catalogue.Version}"
                : $"no: the hash matches no catalogue this service knows (it ships {catalogue.Version})"),
    ];

    private static RedirectHttpResult Redirect(string key, string page) => TypedResults.Redirect($"{SitesPath}/{key}/{page}");

    private static bool IsRunId(string id) => id.Length is > 0 and <= 32 && id.All(char.IsAsciiHexDigitLower);

    private static string Hash(IEnumerable<string> parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..16];
}
