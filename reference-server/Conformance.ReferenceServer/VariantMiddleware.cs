using Conformance.ReferenceServer.Framing;
using Microsoft.AspNetCore.Http.Features;

namespace Conformance.ReferenceServer;

/// <summary>
/// Lets a <see cref="Variant"/> that needs to see frames (<see cref="VariantFrames"/>) see them: the upgraded stream
/// goes through its watches, which /echo finds among the request's features. It must run before UseWebSockets, which
/// captures the upgrade feature, and after any defect's, so that the variant sees the frames as the WebSocket does.
/// </summary>
internal static class VariantMiddleware
{
    /// <summary>Adds the middleware for <paramref name="variant"/>; variants that need no frames add nothing.</summary>
    public static void UseVariant(this IApplicationBuilder app, Variant variant)
    {
        if (!VariantFrames.Covers(variant))
        {
            return;
        }

        app.Use((context, next) =>
        {
            if (context.Features.Get<IHttpUpgradeFeature>() is { } upgrade && VariantFrames.For(variant) is { } frames)
            {
                context.Features.Set<IHttpUpgradeFeature>(new FilteringUpgradeFeature(upgrade, frames.Edits));
                context.Features.Set(frames);
            }

            return next(context);
        });
    }
}
