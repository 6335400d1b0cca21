using System.Globalization;
using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>The judgements of rest.methods.* (RFC 9110 §9, §15.4, §15.5.6); each case's clause is in cases/rest-methods.yaml.</summary>
internal static class MethodsOracles
{
    /// <summary>§15.5.6: 405 for a method the target resource does not support.</summary>
    public static RestOracle<RefusedMethod> MethodNotAllowed { get; } = new("405 Method Not Allowed for a method the resource does not allow", (sent, j) =>
    {
        if (sent.Response.Status != 405)
        {
            j.Violation($"{sent.Method} on a path that does not allow it answered {sent.Response.Status}, not 405");
        }
    });

    /// <summary>
    /// §15.5.6: "The origin server MUST generate an Allow header field in a 405 response containing a list of the target
    /// resource's currently supported methods": omitting a method seen succeeding there breaks it; omitting one the
    /// profile declares but the run never saw succeed is only remarked.
    /// </summary>
    public static RestOracle<RefusedMethod> AllowOn405 { get; } = new("a 405 carries Allow listing the methods the resource allows, without the refused one", (sent, j) =>
    {
        if (sent.Response.Status != 405)
        {
            j.Unimplemented($"the target answered {sent.Response.Status}, not 405, so there is no 405 to check");
            return;
        }

        var allow = sent.Response.Joined("Allow");
        var methods = HttpSyntax.ParseAllow(allow);
        if (allow is null)
        {
            j.Violation("the 405 has no Allow header");
        }
        else if (methods is null)
        {
            j.Violation($"Allow '{allow}' is not a list of method tokens");
        }
        else if (methods.Contains(sent.Method, StringComparer.Ordinal))
        {
            j.Violation($"Allow '{allow}' lists {sent.Method}, the method it refused");
        }
        else if (sent.Succeeded.Except(methods, StringComparer.Ordinal).Any())
        {
            j.Violation($"Allow '{allow}' omits {string.Join(", ", sent.Succeeded.Except(methods, StringComparer.Ordinal))}, which succeeded on the same resource");
        }
        else if (sent.Declared.Except(methods).Any())
        {
            j.Annotate($"Allow '{allow}' omits {string.Join(", ", sent.Declared.Except(methods))}, which the profile declares");
        }
    });

    /// <summary>§9.1: "An origin server that receives a request method that is unrecognized or not implemented SHOULD respond with the 501 (Not Implemented) status code."</summary>
    public static RestOracle<RestResponse> UnknownMethod { get; } = new("501 Not Implemented for a method the server does not recognise", (response, j) =>
    {
        if (response.Status != 501)
        {
            j.Violation($"an unrecognised method got {response.Status}, not 501");
        }
    });

    /// <summary>§9.1: "All general-purpose servers MUST support the methods GET and HEAD."</summary>
    public static RestOracle<RestResponse> HeadAllowed { get; } = new("HEAD answered wherever GET is (not 405 or 501)", (head, j) =>
    {
        if (head.Status is 405 or 501)
        {
            j.Violation($"HEAD on a resource that answers GET got {head.Status}");
        }
    });

    /// <summary>§9.3.2: "The HEAD method is identical to GET except that the server MUST NOT send content in the response."</summary>
    public static RestOracle<RawHttpResponse> HeadNoBody { get; } = new("a HEAD response carries no content (no bytes after the head)", (raw, j) =>
    {
        if (raw.BodyBytes > 0)
        {
            j.Violation($"the HEAD response was followed by {raw.BodyBytes} bytes of content");
        }
    });

    /// <summary>§9.3.2: HEAD answers the header fields GET would; a Content-Length that differs is <see cref="Rules.Rest.HeadContentLength"/>.</summary>
    public static RestOracle<GetAndHead> HeadMatchesGet { get; } = new("HEAD answers the status and header fields GET would (Content-Length, if sent, equal to GET's content)", (seen, j) =>
    {
        var (get, head) = seen;
        if (get.Status != head.Status)
        {
            j.Violation($"HEAD answered {head.Status} where GET answered {get.Status}");
        }

        foreach (var field in new[] { "Content-Type", "ETag", "Last-Modified" })
        {
            if (get.Header(field) is { } value && head.Header(field) != value)
            {
                j.Violation($"HEAD's {field} '{head.Header(field) ?? "(none)"}' differs from GET's '{value}'");
            }
        }

        if (head.Header("Content-Length") is { } length && length != get.Body.Length.ToString(CultureInfo.InvariantCulture))
        {
            j.Violation(Rules.Rest.HeadContentLength, $"HEAD's Content-Length {length} is not the length of GET's content ({get.Body.Length}) (RFC 9110 §8.6: MUST NOT)");
        }
    });

    /// <summary>§9.3.7: "A server generating a successful response to OPTIONS SHOULD send any header that might indicate optional features implemented by the server", Allow first.</summary>
    public static RestOracle<OptionsAnswer> OptionsAllow { get; } = new("a successful OPTIONS answer carries Allow with the methods the resource supports", (seen, j) =>
    {
        if (seen.Options.Status is < 200 or > 299)
        {
            j.Violation($"OPTIONS answered {seen.Options.Status}, not a success");
        }
        else if (HttpSyntax.ParseAllow(seen.Options.Joined("Allow")) is not { } methods)
        {
            j.Violation("the OPTIONS answer has no Allow header (or one that is not a method list)");
        }
        else if (seen.Declared.Except(methods).Any())
        {
            j.Annotate($"Allow omits {string.Join(", ", seen.Declared.Except(methods))}, which the profile declares");
        }
    });

    /// <summary>§9.2.1: safe methods are "essentially read-only".</summary>
    public static RestOracle<TwoReads> SafeMethods { get; } = new("GET, HEAD and OPTIONS leave the resource as it was", (reads, j) =>
    {
        if (!reads.Same)
        {
            j.Violation("the resource read differently after GET, HEAD and OPTIONS");
        }
    });

    /// <summary>§15.4: a redirect carries a Location that names where the resource is; following it answers.</summary>
    public static RestOracle<RedirectHop> Redirect { get; } = new("a redirect (301, 302, 307, 308) carries Location, and the Location answers", (hop, j) =>
    {
        if (!HttpSyntax.IsRedirect(hop.Answer.Status))
        {
            j.Unimplemented($"GET {hop.Path}, declared as a redirect, answered {hop.Answer.Status}");
        }
        else if (hop.Followed is not { } followed)
        {
            j.Violation($"the {hop.Answer.Status} for {hop.Path} has no usable Location");
        }
        else if (followed.Status is >= 400)
        {
            j.Violation($"the Location of {hop.Path} answered {followed.Status}");
        }
    });
}
