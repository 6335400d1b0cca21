using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Conformance.ReportService.Auth;
using Conformance.ReportService.Pages;
using Conformance.ReportService.Storage;
using Conformance.Suite.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Conformance.ReportService.Api;

/// <summary>
/// The REST API under <c>/api/v1</c>: upload, list, read and delete runs, list implementations. Errors are problem
/// details (RFC 9457); reads carry an ETag and answer a matching If-None-Match with 304 (RFC 9110 §13.1.2).
/// </summary>
internal static class RunsApi
{
    public const string BasePath = "/api/v1";
    public const string AdminPolicy = "admin";
    public const string UploadRateLimit = "uploads";
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Reads = [HttpMethods.Get, HttpMethods.Head];

    public static void Map(IEndpointRouteBuilder app, ReportServiceOptions options)
    {
        var api = app.MapGroup(BasePath);
        api.MapPost("/runs", UploadAsync)
            .RequireAuthorization()
            .RequireRateLimiting(UploadRateLimit)
            // Kestrel applies it to the bytes on the wire, request decompression to the decompressed ones.
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxUploadBytes));
        api.MapMethods("/runs", Reads, ListAsync);
        api.MapMethods("/runs/{id}", Reads, GetAsync);
        api.MapDelete("/runs/{id}", DeleteAsync).RequireAuthorization(AdminPolicy);
        api.MapMethods("/implementations", Reads, ImplementationsAsync);
        MapOptions(api, "/runs", "GET, HEAD, OPTIONS, POST");
        MapOptions(api, "/runs/{id}", "DELETE, GET, HEAD, OPTIONS");
        MapOptions(api, "/implementations", "GET, HEAD, OPTIONS");
    }

    /// <summary>RFC 9110 §9.3.7: OPTIONS answers which methods the resource supports, in Allow.</summary>
    private static void MapOptions(RouteGroupBuilder api, string route, string allow) =>
        api.MapMethods(route, [HttpMethods.Options], (HttpContext context) =>
        {
            context.Response.Headers.Allow = allow;
            return TypedResults.NoContent();
        });

    /// <summary>The path of a run's resource, the Location of its upload.</summary>
    public static string RunPath(string id) => $"{BasePath}/runs/{Uri.EscapeDataString(id)}";

    private static async Task<IResult> UploadAsync(HttpContext context, IReportStore store, ReportServiceOptions options, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Upload a results.json as application/json (gzip Content-Encoding is accepted).");
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            // Over the size limit (413, compressed or decompressed) or a broken request body.
            return Problem(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"The body is larger than {options.MaxUploadBytes} bytes (after decompression too)."
                : "The request body could not be read.");
        }
        catch (InvalidDataException)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not valid for its Content-Encoding.");
        }

        var check = UploadValidator.Check(body);
        if (check.Report is not { } report)
        {
            return check.Errors.Count == 0
                ? Problem(check.Status, check.Detail)
                : TypedResults.Problem(statusCode: check.Status, detail: check.Detail, extensions: new Dictionary<string, object?> { ["errors"] = check.Errors });
        }

        var implementation = report.Run.Implementation.Name!;
        if (context.User.FindFirstValue(BearerTokenHandler.ImplementationClaim) is { } scope && scope != implementation)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer realm=\"conformance-reports\", error=\"insufficient_scope\"";
            return Problem(StatusCodes.Status403Forbidden, $"This token may only upload runs of '{scope}'; this run is of '{implementation}'.");
        }

        var summary = new RunSummary
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Implementation = implementation,
            Version = report.Run.Implementation.Version,
            CatalogueVersion = report.Run.Catalogue.Version,
            CatalogueHash = report.Run.Catalogue.Hash,
            Tool = report.Run.Tool,
            UploadedBy = context.User.Identity!.Name!,
            UploadedAt = options.Clock.GetUtcNow(),
            Verdicts = VerdictCounts.Of(report.Cases),
        };
        // Stored as sent: the bytes are the evidence, and the validator has vouched for them.
        await store.AddRunAsync(new StoredRun(summary, System.Text.Encoding.UTF8.GetString(body)), cancellationToken);
        return TypedResults.Created(RunPath(summary.Id), RunView.Of(summary));
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, IReportStore store, string? implementation, string? version, string? catalogueVersion, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var query = new RunQuery
        {
            Implementation = implementation,
            Version = version,
            CatalogueVersion = catalogueVersion,
            Page = page ?? 1,
            PageSize = pageSize ?? DefaultPageSize,
        };
        if (query.Page < 1 || query.PageSize is < 1 or > MaxPageSize)
        {
            return Problem(StatusCodes.Status400BadRequest, $"page starts at 1; pageSize is 1 to {MaxPageSize}.");
        }

        var found = await store.ListRunsAsync(query, cancellationToken);
        var next = (long)query.Page * query.PageSize < found.Total ? PageLink(context.Request, query.Page + 1) : null;
        if (next is not null)
        {
            // RFC 8288: the next page for clients that follow links rather than read the body.
            context.Response.Headers[HeaderNames.Link] = $"<{next}>; rel=\"next\"";
        }

        var listing = new RunListing(found.Items.Select(RunView.Of).ToList(), query.Page, query.PageSize, found.Total, next);
        return Conditional.Content(context, JsonSerializer.SerializeToUtf8Bytes(listing, Json), weak: true, "application/json");
    }

    private static async Task<IResult> GetAsync(HttpContext context, IReportStore store, string id, CancellationToken cancellationToken)
    {
        if (await store.FindRunAsync(id, cancellationToken) is not { } run)
        {
            return NotFound(context);
        }

        using var results = JsonDocument.Parse(run.ResultsJson);
        var document = RunView.Of(run.Summary) with { Results = results.RootElement };
        // A run never changes once stored, so its representation is a strong validator.
        return Conditional.Content(context, JsonSerializer.SerializeToUtf8Bytes(document, Json), weak: false, "application/json");
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, IReportStore store, PageCache pages, string id, CancellationToken cancellationToken)
    {
        if (!await store.DeleteRunAsync(id, cancellationToken))
        {
            return NotFound(context);
        }

        pages.Clear();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ImplementationsAsync(HttpContext context, IReportStore store, CancellationToken cancellationToken)
    {
        var implementations = await store.ListImplementationsAsync(cancellationToken);
        var listing = implementations.Select(i => new ImplementationView(i.Name, i.Runs, RunView.Of(i.Latest))).ToList();
        return Conditional.Content(context, JsonSerializer.SerializeToUtf8Bytes(listing, Json), weak: true, "application/json");
    }

    private static string PageLink(HttpRequest request, int page)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["page"] = page.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }

    private static ProblemHttpResult NotFound(HttpContext context) => Problem(StatusCodes.Status404NotFound, $"There is no {context.Request.Path}.");

    private static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);
}

/// <summary>A run as the API shows it; <see cref="Results"/> (the uploaded results.json) only on the run's own resource.</summary>
internal sealed record RunView(
    string Id,
    string Href,
    string Implementation,
    string? Version,
    CatalogueInfo Catalogue,
    string Tool,
    string UploadedBy,
    DateTimeOffset UploadedAt,
    IReadOnlyDictionary<string, int> Verdicts)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Results { get; init; }

    public static RunView Of(RunSummary s)
    {
        var v = s.Verdicts;
        // The verdict words are the ones every other output uses.
        var verdicts = new Dictionary<string, int>
        {
            [Suite.Results.Verdicts.Word(Verdict.Pass)] = v.Pass,
            [Suite.Results.Verdicts.Word(Verdict.Informational)] = v.Informational,
            [Suite.Results.Verdicts.Word(Verdict.Unimplemented)] = v.Unimplemented,
            [Suite.Results.Verdicts.Word(Verdict.NonStrict)] = v.NonStrict,
            [Suite.Results.Verdicts.Word(Verdict.Fail)] = v.Fail,
            [Suite.Results.Verdicts.Word(Verdict.Error)] = v.Error,
        };
        return new RunView(s.Id, RunsApi.RunPath(s.Id), s.Implementation, s.Version, new CatalogueInfo { Version = s.CatalogueVersion, Hash = s.CatalogueHash }, s.Tool, s.UploadedBy, s.UploadedAt, verdicts);
    }
}

/// <summary>One page of runs; <see cref="Next"/> is the next page's URL, null on the last.</summary>
internal sealed record RunListing(IReadOnlyList<RunView> Items, int Page, int PageSize, long Total, string? Next);

/// <summary>An implementation with its number of runs and its newest run.</summary>
internal sealed record ImplementationView(string Name, long Runs, RunView Latest);
