using Conformance.Interop.Harness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Conformance.Interop.Browser;

/// <summary>
/// Serves the harness page on 127.0.0.1 at a free port, so the browser's WebSocket runs from a real http:// page
/// and the target sees a real Origin (http://127.0.0.1:PORT).
/// </summary>
public sealed class HarnessHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private HarnessHost(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    /// <summary>http://127.0.0.1:PORT/.</summary>
    public Uri BaseUri { get; }
    /// <summary>The page's origin, as the browser sends it.</summary>
    public string Origin => BaseUri.GetLeftPart(UriPartial.Authority);

    public static async Task<HarnessHost> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        MapAssets(app);
        await app.StartAsync(cancellationToken);
        return new HarnessHost(app, new Uri(app.Urls.First() + "/"));
    }

    /// <summary>GET /harness.html and /harness.js, with the content types and no caching.</summary>
    public static void MapAssets(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + HarnessAssets.PageName, () => Asset(HarnessAssets.PageName));
        endpoints.MapGet("/" + HarnessAssets.ScriptName, () => Asset(HarnessAssets.ScriptName));
    }

    /// <summary>The content type of an embedded asset.</summary>
    public static string ContentType(string name) =>
        name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : "text/html; charset=utf-8";

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static IResult Asset(string name) => Results.Bytes(HarnessAssets.Read(name)!, ContentType(name));
}
