using System.Collections.Frozen;

namespace Conformance.ReferenceServer.Rest;

/// <summary>
/// The reference REST API under <c>/api</c>: <c>items</c> (read and write, PUT to a new id creates it) and
/// <c>notes</c> (read-only, two seeded notes). fixtures/rest/reference.profile.yaml describes it to the suite.
/// </summary>
internal static class RestApi
{
    public const string BasePath = "/api";

    /// <summary>
    /// The methods this server recognises: RFC 9110 §9's and PATCH (RFC 5789). §9.1: "An origin server that receives
    /// a request method that is unrecognized or not implemented SHOULD respond with the 501 (Not Implemented) status
    /// code. An origin server that receives a request method that is recognized and implemented, but not allowed
    /// for the target resource, SHOULD respond with the 405 (Method Not Allowed) status code."
    /// </summary>
    private static readonly FrozenSet<string> RecognisedMethods = FrozenSet.Create(
        StringComparer.Ordinal,
        HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete,
        HttpMethods.Connect, HttpMethods.Options, HttpMethods.Trace, HttpMethods.Patch);

    private static readonly (int Ordinal, string Title, string Text)[] SeededNotes =
    [
        (1, "Welcome", "The reference REST API of the conformance suite."),
        (2, "Read-only", "Notes allow GET, HEAD and OPTIONS only."),
    ];

    /// <summary>The path (under <see cref="BasePath"/>) that redirects to the items collection.</summary>
    public const string RedirectPath = "/item-list";

    /// <summary>
    /// Maps the API's routes; <paramref name="defect"/> is the one deviation the fixture commits, if any, and
    /// <paramref name="variant"/> the one legitimate choice it makes.
    /// </summary>
    public static void MapRestApi(this WebApplication app, Defect defect, Variant variant)
    {
        var clock = TimeProvider.System;
        var api = app.MapGroup(BasePath);
        MapResource(api, new ResourceEndpoints(new RestResource("items", new RestStore(clock, variant), Writable: true), defect, variant, clock), defect);
        MapResource(api, new ResourceEndpoints(new RestResource("notes", Notes(clock, variant), Writable: false), defect, variant, clock), defect);
        // A path kept for old clients: a temporary redirect to the collection (§15.4.8: Location SHOULD be sent).
        api.MapGet(RedirectPath, context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = BasePath + "/items";
            return Task.CompletedTask;
        });
        api.Map("/{**path}", context =>
            Problem.WriteAsync(context.Response, StatusCodes.Status404NotFound, $"There is no {context.Request.Path}."));
    }

    private static void MapResource(RouteGroupBuilder api, ResourceEndpoints endpoints, Defect defect)
    {
        var writable = endpoints.Resource.Writable;
        MapRoute(api, endpoints.Resource.CollectionRoute, endpoints.ListAsync, writable ? [(HttpMethods.Post, endpoints.CreateAsync)] : [], defect);
        MapRoute(api, endpoints.Resource.ItemRoute, endpoints.GetAsync, writable ? [(HttpMethods.Put, endpoints.ReplaceAsync), (HttpMethods.Delete, endpoints.DeleteAsync)] : [], defect);
    }

    /// <summary>
    /// Maps GET (which answers HEAD too), OPTIONS and the <paramref name="unsafeMethods"/> on <paramref name="route"/>,
    /// and one more endpoint without a method for everything else: routing ranks endpoints that name methods first,
    /// so it only gets the methods the others do not take, and its Allow is built from the same list.
    /// </summary>
    private static void MapRoute(RouteGroupBuilder api, string route, RequestDelegate get, (string Method, RequestDelegate Handler)[] unsafeMethods, Defect defect)
    {
        var allow = string.Join(", ", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Options, .. unsafeMethods.Select(m => m.Method)]);
        api.MapMethods(route, [HttpMethods.Get, HttpMethods.Head], get);
        foreach (var (method, handler) in unsafeMethods)
        {
            api.MapMethods(route, [method], handler);
        }

        // §9.3.7: "A server generating a successful response to OPTIONS SHOULD send any header that might indicate
        // optional features implemented by the server and applicable to the target resource (e.g., Allow)".
        api.MapMethods(route, [HttpMethods.Options], context =>
        {
            context.Response.Headers.Allow = allow;
            ResourceEndpoints.NoContent(context, defect);
            return Task.CompletedTask;
        });
        api.Map(route, context => RefuseMethodAsync(context, allow, defect));
    }

    /// <summary>
    /// 501 for a method this server does not recognise, else 405 with Allow (§15.5.6: "The origin server MUST
    /// generate an Allow header field in a 405 response containing a list of the target resource's currently
    /// supported methods").
    /// </summary>
    private static Task RefuseMethodAsync(HttpContext context, string allow, Defect defect)
    {
        var method = context.Request.Method;
        if (!RecognisedMethods.Contains(method))
        {
            return Problem.WriteAsync(context.Response, StatusCodes.Status501NotImplemented, $"This server does not implement the method {method}.");
        }

        if (defect != Defect.RestMethodNotAllowedWithoutAllow)
        {
            context.Response.Headers.Allow = allow;
        }

        return Problem.WriteAsync(context.Response, StatusCodes.Status405MethodNotAllowed, $"{method} is not allowed here; allowed: {allow}.");
    }

    private static RestStore Notes(TimeProvider clock, Variant variant)
    {
        var store = new RestStore(clock, variant);
        foreach (var (ordinal, title, text) in SeededNotes)
        {
            var id = RestVariantRules.SeededNoteId(variant, ordinal);
            store.Put(id, RestJson.Object(json =>
            {
                json.WriteString("id", id);
                json.WriteString("title", title);
                json.WriteString("text", text);
            }), precondition: _ => true);
        }

        return store;
    }
}
