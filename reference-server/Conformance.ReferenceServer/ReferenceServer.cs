using System.Net;
using Conformance.ReferenceServer.Rest;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Conformance.ReferenceServer;

/// <summary>
/// The bundled server (Kestrel on 127.0.0.1, HTTP/1.1) that the suite is tested against, optionally
/// committing one deliberate <see cref="Defect"/> and making one legitimate <see cref="Variant"/> choice.
/// Endpoints: <c>/echo</c> (RFC 6455 WebSocket echo; subprotocols "conformance.v1" and "chat" unless
/// <see cref="ReferenceServerOptions.Subprotocols"/> says otherwise), <c>/api</c> (the reference REST API: <c>/api/items</c>,
/// <c>/api/notes</c>, described by fixtures/rest/reference.profile.yaml) and <c>/</c> (a plain-text banner).
/// </summary>
public sealed class ReferenceServer : IAsyncDisposable
{
    /// <summary>How long stopping waits for open connections before aborting them.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromMilliseconds(500);

    private readonly WebApplication _app;
    private int _disposed;

    private ReferenceServer(WebApplication app, int port, bool secure)
    {
        _app = app;
        Port = port;
        BaseUri = new Uri($"{(secure ? "https" : "http")}://127.0.0.1:{port}/");
        WebSocketUri = new Uri($"{(secure ? "wss" : "ws")}://127.0.0.1:{port}/echo");
    }

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The server's root, <c>http://127.0.0.1:PORT/</c> (https with a certificate).</summary>
    public Uri BaseUri { get; }

    /// <summary>The echo endpoint, <c>ws://127.0.0.1:PORT/echo</c> (wss with a certificate).</summary>
    public Uri WebSocketUri { get; }

    /// <summary>The reference REST API's root, <c>http://127.0.0.1:PORT/api</c> (https with a certificate).</summary>
    public Uri RestUri => new(BaseUri, RestApi.BasePath);

    /// <summary>
    /// Starts a server on 127.0.0.1 and returns once it accepts connections. Kestrel's own limits stay at their
    /// defaults, and the REST API relies on them: a request line over 8 KiB gets 414, a header section over
    /// 32 KiB gets 431, a missing or repeated Host or an invalid Content-Length gets 400.
    /// </summary>
    public static async Task<ReferenceServer> StartAsync(ReferenceServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxMessageSize);
        var restCredentials = RestCredentials.From(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Ambient settings (ASPNETCORE_* variables, an appsettings.json) must not move or reshape the server.
        builder.Configuration.Sources.Clear();
        // A CLI prints progress on the same terminal.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, SilentHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownGrace);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                if (options.Certificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }

                if (BelowHttp.NeedsConnectionOutput(options.Defect))
                {
                    BelowHttp.CaptureConnectionOutput(listen);
                }
            }));

        var app = builder.Build();
        app.UseDefect(options.Defect);
        app.UseVariant(options.Variant);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        var echo = new EchoEndpoint(
            advertiseVersionOnReject: options.Defect != Defect.MissingVersionHeaderOnReject,
            maxMessageSize: Math.Min(options.MaxMessageSize, Math.Min(MessageLimit(options.Variant), MessageLimit(options.Defect))),
            choices: new EchoChoices(options.Variant, options.Subprotocols, options.IdleCloseAfter),
            serverStopping: app.Lifetime.ApplicationStopping,
            truncateBinaryAt: options.Defect == Defect.BinaryTruncated ? ushort.MaxValue : null);
        app.Map("/echo", echo.HandleAsync);
        app.UsePlainJsonErrors(options.Variant);
        RestAuthentication.Use(app, restCredentials, options.Defect);
        app.MapRestApi(options.Defect, options.Variant);
        app.MapGet("/", WriteBannerAsync);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new ReferenceServer(app, new Uri(app.Urls.Single()).Port, options.Certificate is not null);
    }

    /// <summary>Stops the server, aborting open connections after a short grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Stopping cancels every echo loop (ApplicationStopping), so WebSocket connections end at once;
        // anything still open when the token fires is aborted by Kestrel.
        try
        {
            using var grace = new CancellationTokenSource(ShutdownGrace);
            await _app.StopAsync(grace.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>The message limit <paramref name="variant"/> imposes, if any (§10.4).</summary>
    private static int MessageLimit(Variant variant) => variant switch
    {
        Variant.MessageLimit64KiB => 64 * 1024,
        Variant.MessageLimit1MiB => 1024 * 1024,
        _ => int.MaxValue,
    };

    /// <summary>The message limit <paramref name="defect"/> imposes, if any.</summary>
    private static int MessageLimit(Defect defect) => defect switch
    {
        Defect.LimitUnder126 => 125,
        Defect.LimitBelowDeclared => 64 * 1024,
        _ => int.MaxValue,
    };

    private static Task WriteBannerAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Conformance reference server");
    }
}
