using System.Globalization;
using System.Threading.RateLimiting;
using Conformance.ReportService.Api;
using Conformance.ReportService.Auth;
using Conformance.ReportService.Pages;
using Conformance.ReportService.Storage;
using Conformance.ReportSite;
using Conformance.ReportSite.Writing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace Conformance.ReportService;

/// <summary>
/// The hosted report service: Kestrel serving the REST API under /api/v1, the report pages and the badges over an <see cref="IReportStore"/>.
/// Authentication is by bearer token only (no cookies, so no CSRF surface).
/// </summary>
public sealed class ReportService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _ownedCache;

    private ReportService(WebApplication app, Uri baseUri, string? ownedCache)
    {
        _app = app;
        BaseUri = baseUri;
        _ownedCache = ownedCache;
    }

    /// <summary>The first address the service listens on, e.g. <c>http://127.0.0.1:5080/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Starts the service over <paramref name="store"/> (which the caller keeps and disposes) and returns once it listens.</summary>
    public static async Task<ReportService> StartAsync(ReportServiceOptions options, IReportStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Ambient settings (ASPNETCORE_* variables, an appsettings.json) must not move or reshape the service.
        builder.Configuration.Sources.Clear();
        // Warnings and errors only, on stderr: nothing at these levels carries a request's headers, so no token is logged.
        builder.Logging.ClearProviders()
            .AddSimpleConsole(console => console.SingleLine = true)
            .AddFilter(level => level >= LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Every endpoint but the upload reads no body; the upload raises this through its RequestSizeLimit.
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.AddServerHeader = false;
        });

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(store);
        var ownedCache = options.PageCacheDirectory is null ? Path.Combine(Path.GetTempPath(), "conformance-pages-" + Guid.NewGuid().ToString("N")) : null;
        var pages = new PageCache(options.PageCacheDirectory ?? ownedCache!, options.PageCacheBytes, options.Clock);
        services.AddSingleton(pages);
        services.AddProblemDetails();
        services.AddRequestDecompression();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(RunsApi.AdminPolicy, policy => policy.RequireRole(BearerTokenHandler.AdminRole));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(RunsApi.UploadRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                // Uploads are authenticated first, so the partition is the token's name.
                context.User.Identity?.Name ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.UploadsPerWindow, Window = options.UploadWindow, QueueLimit = 0 }));
            limiter.AddPolicy(Badges.RateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                // Badges are public: the partition is the client's address.
                context.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.BadgesPerWindow, Window = options.BadgeWindow, QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var response = rejected.HttpContext.Response;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    // RFC 9110 §10.2.3: delay-seconds.
                    response.Headers[HeaderNames.RetryAfter] = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails = { Status = response.StatusCode, Detail = "Too many requests; try again after Retry-After seconds." },
                });
            };
        });

        var app = builder.Build();
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            app.Urls.Add(url);
        }

        app.Use(SecurityHeaders);
        // Unhandled exceptions and bodiless errors (404, 405 with its Allow, a query that does not bind) become problem details.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use(RefuseUnknownMethods);
        app.UseRouting();
        // After routing: it bounds the decompressed body by the endpoint's RequestSizeLimit.
        app.UseRequestDecompression();
        app.UseAuthentication();
        app.Use(RefuseInvalidTokens);
        app.UseAuthorization();
        app.UseRateLimiter();
        RunsApi.Map(app, options);
        Badges.Map(app);
        SitePages.Map(app, pages);

        // Roslyn compiles the templates in about two seconds; start now rather than on the first page view. SiteWriter
        // awaits the same task, so a failure surfaces there.
        _ = TemplateRenderer.Default.WarmUpAsync();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReportService(app, new Uri(address.EndsWith('/') ? address : address + "/"), ownedCache);
    }

    /// <summary>
    /// Every response carries the static site's policy (no script at all); the badge sets a stricter one. No
    /// response is sniffed into another type.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers.ContentSecurityPolicy = SiteWriter.ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return next(context);
    }

    /// <summary>
    /// RFC 9110 §9.1: "An origin server that receives a request method that is unrecognized or not implemented
    /// SHOULD respond with the 501 (Not Implemented) status code"; routing alone would say 405.
    /// </summary>
    private static Task RefuseUnknownMethods(HttpContext context, RequestDelegate next) =>
        KnownMethods.Contains(context.Request.Method)
            ? next(context)
            : TypedResults.Problem(statusCode: StatusCodes.Status501NotImplemented, detail: $"This server does not implement {context.Request.Method}.").ExecuteAsync(context);

    private static readonly HashSet<string> KnownMethods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Connect, HttpMethods.Options, HttpMethods.Trace, HttpMethods.Patch];

    /// <summary>
    /// RFC 6750 §3.1: a request with an invalid token gets 401 error="invalid_token", even where reading needs no
    /// token, so a client learns that its token is bad instead of silently reading as anonymous.
    /// </summary>
    private static async Task RefuseInvalidTokens(HttpContext context, RequestDelegate next)
    {
        if ((await context.AuthenticateAsync()).Failure is not null)
        {
            await context.ChallengeAsync();
            return;
        }

        await next(context);
    }

    /// <summary>Completes when the host is told to stop (SIGTERM, or Ctrl-C in a terminal) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening (requests in flight get a moment to finish) and removes a page cache it made itself.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownedCache is not null && Directory.Exists(_ownedCache))
        {
            Directory.Delete(_ownedCache, recursive: true);
        }
    }
}
