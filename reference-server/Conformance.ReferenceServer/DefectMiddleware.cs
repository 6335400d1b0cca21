using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Conformance.ReferenceServer.Framing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Conformance.ReferenceServer;

/// <summary>
/// Applies a <see cref="Defect"/> that lives in the handshake or in the byte stream. It must run
/// before UseWebSockets: the WebSocket middleware captures the request's upgrade feature then.
/// </summary>
internal static class DefectMiddleware
{
    /// <summary>The subprotocol <see cref="Defect.SelectsUnofferedSubprotocol"/> always selects.</summary>
    public const string UnofferedSubprotocol = "unoffered.example";

    /// <summary>The GUID of RFC 6455 §1.3.</summary>
    private const string RfcGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>RFC 6455's GUID with its last digit changed, so the accept value looks plausible but is wrong.</summary>
    private const string WrongGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B12";

    /// <summary>The key of RFC 6455 §1.3's example, which ASP.NET Core is shown in place of a malformed one.</summary>
    private const string StandInKey = "dGhlIHNhbXBsZSBub25jZQ==";

    /// <summary>Adds the middleware for <paramref name="defect"/>; defects handled elsewhere add nothing.</summary>
    public static void UseDefect(this IApplicationBuilder app, Defect defect)
    {
        switch (defect)
        {
            case Defect.WrongAcceptKey:
                app.Use((context, next) =>
                {
                    OnSwitchingProtocols(context, headers =>
                        headers.SecWebSocketAccept = WrongAccept(context.Request.Headers.SecWebSocketKey.ToString()));
                    return next(context);
                });
                break;
            case Defect.SelectsUnofferedSubprotocol:
                app.Use((context, next) =>
                {
                    OnSwitchingProtocols(context, headers => headers.SecWebSocketProtocol = UnofferedSubprotocol);
                    return next(context);
                });
                break;
            case Defect.SubprotocolEchoedWrongly:
                app.Use((context, next) =>
                {
                    OnSwitchingProtocols(context, headers =>
                    {
                        if (headers.SecWebSocketProtocol.ToString() is { Length: > 0 } selected)
                        {
                            headers.SecWebSocketProtocol = selected.ToUpperInvariant();
                        }
                    });
                    return next(context);
                });
                break;
            case Defect.AcceptsVersion99:
                app.Use((context, next) =>
                {
                    if (context.Request.Headers.SecWebSocketVersion == "99")
                    {
                        context.Request.Headers.SecWebSocketVersion = HandshakeRules.SupportedVersion;
                    }

                    return next(context);
                });
                break;
            case Defect.AcceptsMalformedKeys:
                app.Use((context, next) =>
                {
                    var keys = context.Request.Headers.SecWebSocketKey;
                    if (keys.Count > 0 && !IsWellFormedKey(keys))
                    {
                        // ASP.NET Core validates the key itself: it is shown a valid one, and the client gets the accept of its own.
                        var sent = keys.ToString();
                        context.Request.Headers.SecWebSocketKey = StandInKey;
                        OnSwitchingProtocols(context, headers => headers.SecWebSocketAccept = Accept(sent, RfcGuid));
                    }

                    return next(context);
                });
                break;
            case Defect.RefusesRepeatedProtocolLines:
                app.Use((context, next) =>
                {
                    if (context.Request.Headers.SecWebSocketProtocol.Count > 1)
                    {
                        context.Response.StatusCode = StatusCodes.Status400BadRequest;
                        return context.Response.WriteAsync("Sec-WebSocket-Protocol may appear only once.");
                    }

                    return next(context);
                });
                break;
            default:
                if (StreamDefect.Covers(defect))
                {
                    var stopping = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                    app.Use((context, next) => FilterStreamAsync(context, next, defect, stopping));
                }

                break;
        }
    }

    /// <summary>
    /// Runs the rest of the pipeline with the upgraded stream filtered for <paramref name="defect"/>, and
    /// afterwards, when the defect says so, keeps the connection open until the client closes it.
    /// </summary>
    private static async Task FilterStreamAsync(HttpContext context, RequestDelegate next, Defect defect, CancellationToken stopping)
    {
        if (context.Features.Get<IHttpUpgradeFeature>() is not { } upgrade || StreamDefect.For(defect) is not { } streamDefect)
        {
            await next(context);
            return;
        }

        var filtering = new FilteringUpgradeFeature(upgrade, streamDefect);
        context.Features.Set<IHttpUpgradeFeature>(filtering);
        await next(context);

        if (streamDefect.HoldOpenAfter is { } watch && filtering.Upgraded is { } upgraded)
        {
            await using (upgraded)
            {
                if (watch.Completed)
                {
                    await WaitForClientToCloseAsync(upgraded, streamDefect.HoldOpenFor, context.RequestAborted, stopping);
                }
            }
        }
    }

    /// <summary>
    /// Reads and discards whatever the client sends until it closes or resets TCP, the server stops, or
    /// <paramref name="limit"/> has passed.
    /// </summary>
    private static async Task WaitForClientToCloseAsync(Stream upgraded, TimeSpan? limit, CancellationToken aborted, CancellationToken stopping)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        if (limit is { } after)
        {
            either.CancelAfter(after);
        }

        var buffer = new byte[4096];
        try
        {
            while (await upgraded.ReadAsync(buffer, either.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // A reset, the server stopping or the limit: either way the connection is over.
        }
    }

    /// <summary>Edits the response headers of a 101 just before they are sent.</summary>
    private static void OnSwitchingProtocols(HttpContext context, Action<IHeaderDictionary> edit) =>
        context.Response.OnStarting(() =>
        {
            if (context.Response.StatusCode == StatusCodes.Status101SwitchingProtocols)
            {
                edit(context.Response.Headers);
            }

            return Task.CompletedTask;
        });

    private static string WrongAccept(string key) => Accept(key, WrongGuid);

    [SuppressMessage("Security", "CA5350", Justification = "RFC 6455 §4.2.2 defines Sec-WebSocket-Accept with SHA-1; this is no security use.")]
    private static string Accept(string key, string guid) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + guid)));

    private static bool IsWellFormedKey(StringValues keys)
    {
        var decoded = new byte[16];
        return keys.Count == 1 && keys[0] is { Length: 24 } key && Convert.TryFromBase64String(key, decoded, out var written) && written == 16;
    }
}
