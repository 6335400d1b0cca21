using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Conformance.ReferenceServer.Framing;
using Microsoft.AspNetCore.Http.Features;

namespace Conformance.ReferenceServer;

/// <summary>
/// Applies a <see cref="Defect"/> that lives in the handshake or in the byte stream. It must run
/// before UseWebSockets: the WebSocket middleware captures the request's upgrade feature then.
/// </summary>
internal static class DefectMiddleware
{
    /// <summary>The subprotocol <see cref="Defect.SelectsUnofferedSubprotocol"/> always selects.</summary>
    public const string UnofferedSubprotocol = "unoffered.example";

    /// <summary>RFC 6455's GUID with its last digit changed, so the accept value looks plausible but is wrong.</summary>
    private const string WrongGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B12";

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
            default:
                if (StreamDefect.For(defect) is { } streamDefect)
                {
                    app.Use((context, next) =>
                    {
                        if (context.Features.Get<IHttpUpgradeFeature>() is { } upgrade)
                        {
                            context.Features.Set<IHttpUpgradeFeature>(new FilteringUpgradeFeature(upgrade, streamDefect));
                        }

                        return next(context);
                    });
                }

                break;
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

    [SuppressMessage("Security", "CA5350", Justification = "RFC 6455 §4.2.2 defines Sec-WebSocket-Accept with SHA-1; this is no security use.")]
    private static string WrongAccept(string key) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WrongGuid)));
}
