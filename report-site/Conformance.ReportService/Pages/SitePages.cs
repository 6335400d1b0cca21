using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Conformance.ReportService.Storage;
using Conformance.ReportSite;
using Conformance.ReportSite.Model;
using Conformance.Suite.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Conformance.ReportService.Pages;

/// <summary>
/// The HTML pages: each is a page of a report site written by <see cref="SiteWriter"/> for the runs it shows, so
/// the service and the static report look and behave the same. <c>/</c> is the matrix of every implementation's
/// newest run, <c>/implementations/{name}</c> an implementation's history (its newest runs side by side, with the
/// changes from each run to the next), <c>/runs/{id}</c> a run with its provenance, <c>/compare/{a}/{b}</c> the
/// diff of two runs, <c>/catalogue</c> the catalogue this service ships; each redirects to its page under
/// <c>/sites</c>, where relative links between pages work as in the static site. A run's, a comparison's or the
/// catalogue's site dropped from the cache is written again when one of its pages is asked for, so their addresses
/// last.
/// </summary>
internal static class SitePages
{
    /// <summary>How many runs an implementation's history shows.</summary>
    public const int HistoryRuns = 10;

    private const string SitesPath = "/sites";
    private const string CatalogueKey = "catalogue";

    private static readonly IReadOnlyList<Link> Navigation = [new("All implementations", "/")];

    public static void Map(WebApplication app, PageCache cache)
    {
        app.Use(RestoreSites);
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
        app.MapMethods("/catalogue", reads, CatalogueAsync);
    }

    /// <summary>The address of an implementation's history.</summary>
    public static string HistoryPath(string implementation) => "/implementations/" + Uri.EscapeDataString(implementation);

    private static async Task<IResult> HomeAsync(IReportStore store, PageCache cache, ReportServiceOptions options, CancellationToken cancellationToken)
    {
        var latest = (await store.ListImplementationsAsync(cancellationToken)).Select(i => i.Latest).ToList();
        if (latest.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No run has been uploaded yet (./run.sh publish RESULTS.json --server URL)."
                + (options.Catalogue is null ? "" : " The catalogue is at /catalogue."));
        }

        var key = "home-" + Hash(latest.Select(r => r.Id));
        await cache.EnsureAsync(key, "home-", () => InputAsync(store, options, "Implementations: the newest run of each", latest.Select(r => r.Id).ToList(), [], cancellationToken), cancellationToken);
        return Redirect(key, "index.html");
    }

    private static async Task<IResult> HistoryAsync(IReportStore store, PageCache cache, ReportServiceOptions options, string name, CancellationToken cancellationToken)
    {
        name = PathSegment.Name(name);
        var page = await store.ListRunsAsync(new RunQuery { Implementation = name, PageSize = HistoryRuns }, cancellationToken);
        if (page.Items.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "This implementation has no runs.");
        }

        // Oldest first, so the columns read left to right in time; each run is compared with the one before it.
        var ids = page.Items.Select(r => r.Id).Reverse().ToList();
        var title = page.Total > ids.Count ? $"History of {name}: the newest {ids.Count} of {page.Total} runs" : $"History of {name}: {ids.Count} {(ids.Count == 1 ? "run" : "runs")}";
        var family = $"impl-{Hash([name])}-";
        var key = family + Hash(ids);
        await cache.EnsureAsync(key, family, () => InputAsync(store, options, title, ids, Enumerable.Range(1, ids.Count - 1).Select(i => (i - 1, i)).ToList(), cancellationToken), cancellationToken);
        return Redirect(key, "index.html");
    }

    private static async Task<IResult> RunAsync(IReportStore store, PageCache cache, ReportServiceOptions options, string id, CancellationToken cancellationToken)
    {
        if (!IsRunId(id) || await store.FindRunAsync(id, cancellationToken) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no such run.");
        }

        var folder = await EnsureRunAsync(store, cache, options, id, cancellationToken);
        // A site of one run has one folder under targets/: that run's page.
        var target = Path.GetFileName(Directory.EnumerateDirectories(Path.Combine(folder, "targets")).Single());
        return Redirect(RunKey(id), $"targets/{target}/index.html");
    }

    private static async Task<IResult> CompareAsync(IReportStore store, PageCache cache, ReportServiceOptions options, string before, string after, CancellationToken cancellationToken)
    {
        if (!IsRunId(before) || !IsRunId(after) || before == after
            || await store.FindRunAsync(before, cancellationToken) is null
            || await store.FindRunAsync(after, cancellationToken) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Compare needs two different runs that exist.");
        }

        var folder = await EnsureCompareAsync(store, cache, options, before, after, cancellationToken);
        var diff = Directory.EnumerateFiles(folder, "compare-*.html").Single();
        return Redirect(CompareKey(before, after), Path.GetFileName(diff));
    }

    private static async Task<IResult> CatalogueAsync(PageCache cache, ReportServiceOptions options, CancellationToken cancellationToken)
    {
        if (options.Catalogue is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "This service was started without a catalogue.");
        }

        await EnsureCatalogueAsync(cache, options, cancellationToken);
        return Redirect(CatalogueKey, "catalogue.html");
    }

    private static Task<string> EnsureRunAsync(IReportStore store, PageCache cache, ReportServiceOptions options, string id, CancellationToken cancellationToken) =>
        cache.EnsureAsync(RunKey(id), RunKey(id), () => InputAsync(store, options, "Run", [id], [], cancellationToken), cancellationToken);

    private static Task<string> EnsureCompareAsync(IReportStore store, PageCache cache, ReportServiceOptions options, string before, string after, CancellationToken cancellationToken) =>
        cache.EnsureAsync(CompareKey(before, after), CompareKey(before, after), () => InputAsync(store, options, "Comparison", [before, after], [(0, 1)], cancellationToken), cancellationToken);

    private static Task<string> EnsureCatalogueAsync(PageCache cache, ReportServiceOptions options, CancellationToken cancellationToken) =>
        cache.EnsureAsync(CatalogueKey, CatalogueKey, () => Task.FromResult(new SiteInput
        {
            Title = "Catalogue",
            Runs = [],
            Catalogue = options.Catalogue,
            Navigation = Navigation,
            Generator = options.Generator,
        }), cancellationToken);

    /// <summary>
    /// A page under /sites whose site is no longer on disk (dropped to stay within the budget, or the service
    /// restarted): a run's, a comparison's or the catalogue's site is written again; a home or history page, whose
    /// runs may have changed since, sends the visitor back to the home page.
    /// </summary>
    private static async Task RestoreSites(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments(SitesPath, out var rest) && rest.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var key, ..])
        {
            var cache = context.RequestServices.GetRequiredService<PageCache>();
            if (!cache.Touch(key))
            {
                var store = context.RequestServices.GetRequiredService<IReportStore>();
                var options = context.RequestServices.GetRequiredService<ReportServiceOptions>();
                var cancellationToken = context.RequestAborted;
                if (key.StartsWith("home-", StringComparison.Ordinal) || key.StartsWith("impl-", StringComparison.Ordinal))
                {
                    context.Response.Redirect("/");
                    return;
                }

                if (key == CatalogueKey && options.Catalogue is not null)
                {
                    await EnsureCatalogueAsync(cache, options, cancellationToken);
                }
                else if (RunIdOf(key) is { } id && await store.FindRunAsync(id, cancellationToken) is not null)
                {
                    await EnsureRunAsync(store, cache, options, id, cancellationToken);
                }
                else if (CompareIdsOf(key) is var (before, after)
                    && await store.FindRunAsync(before, cancellationToken) is not null
                    && await store.FindRunAsync(after, cancellationToken) is not null)
                {
                    await EnsureCompareAsync(store, cache, options, before, after, cancellationToken);
                }
            }
        }

        await next(context);
    }

    /// <summary>The run of the same implementation uploaded just before <paramref name="run"/>, or null.</summary>
    private static async Task<string?> PreviousRunAsync(IReportStore store, RunSummary run, CancellationToken cancellationToken)
    {
        const int pageSize = 100;
        var found = false;
        for (var number = 1; ; number++)
        {
            var page = await store.ListRunsAsync(new RunQuery { Implementation = run.Implementation, Page = number, PageSize = pageSize }, cancellationToken);
            foreach (var item in page.Items)
            {
                if (found)
                {
                    return item.Id;
                }

                found = item.Id == run.Id;
            }

            if (page.Items.Count < pageSize)
            {
                return null;
            }
        }
    }

    /// <summary>The runs as a site's input, each with its provenance and the links to its history and previous run.</summary>
    private static async Task<SiteInput> InputAsync(IReportStore store, ReportServiceOptions options, string title, IReadOnlyList<string> ids, IReadOnlyList<(int, int)> comparisons, CancellationToken cancellationToken)
    {
        var runs = new List<RunReport>();
        var provenance = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        var runLinks = new List<IReadOnlyList<Link>>();
        foreach (var id in ids)
        {
            var stored = await store.FindRunAsync(id, cancellationToken) ?? throw new InvalidOperationException($"run {id} disappeared");
            runs.Add(ResultsJson.Deserialize(stored.ResultsJson));
            provenance.Add(Provenance(stored.Summary, options));
            var run = stored.Summary;
            var links = new List<Link> { new($"History of {run.Implementation}", HistoryPath(run.Implementation)) };
            if (await PreviousRunAsync(store, run, cancellationToken) is { } previous)
            {
                links.Add(new($"Changes since the previous run of {run.Implementation}", $"/compare/{previous}/{id}"));
            }

            runLinks.Add(links);
        }

        return new SiteInput
        {
            Title = title,
            Runs = runs,
            Provenance = provenance,
            RunLinks = runLinks,
            Navigation = Navigation,
            Catalogue = options.Catalogue,
            Comparisons = comparisons,
            Generator = options.Generator,
        };
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

    private static string RunKey(string id) => "run-" + id;

    private static string CompareKey(string before, string after) => $"cmp-{before}-{after}";

    private static string? RunIdOf(string key) => key.StartsWith("run-", StringComparison.Ordinal) && IsRunId(key[4..]) ? key[4..] : null;

    private static (string Before, string After)? CompareIdsOf(string key) =>
        key.StartsWith("cmp-", StringComparison.Ordinal) && key[4..].Split('-') is [var before, var after] && IsRunId(before) && IsRunId(after) && before != after
            ? (before, after)
            : null;

    private static RedirectHttpResult Redirect(string key, string page) => TypedResults.Redirect($"{SitesPath}/{key}/{page}");

    private static bool IsRunId(string id) => id.Length is > 0 and <= 32 && id.All(char.IsAsciiHexDigitLower);

    private static string Hash(IEnumerable<string> parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))))[..16];
}
