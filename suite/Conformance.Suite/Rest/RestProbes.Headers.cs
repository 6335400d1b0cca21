using System.Globalization;
using Conformance.Suite.Results;

namespace Conformance.Suite.Rest;

public static partial class RestProbes
{
    // A success and an error answer: header rules hold for both.
    private static async Task<List<(string What, RestResponse Response)>> SampleAnswersAsync(RestContext c)
    {
        var answers = new List<(string, RestResponse)>();
        if (await c.ExistingItemAsync(mayCreate: true) is { } item)
        {
            answers.Add(($"GET {item.Path}", await c.SendAsync("GET", item.Path)));
        }

        var missing = c.Profile.Resources[0].ItemPath(MissingId);
        answers.Add(($"GET {missing}", await c.SendAsync("GET", missing)));
        return answers;
    }

    private static async Task DatePresentAsync(RestContext c)
    {
        c.Judgement.Expected = "a Date header on every 2xx, 3xx and 4xx answer";
        foreach (var (what, response) in await SampleAnswersAsync(c))
        {
            c.Judgement.Observe($"{what}: {response.Status}, Date: {response.Header("Date") ?? "(none)"}");
            if (response.Status < 500 && response.Header("Date") is null)
            {
                c.Judgement.Violation($"{what} answered {response.Status} without Date");
            }
        }
    }

    private static async Task ImfFixdateAsync(RestContext c)
    {
        c.Judgement.Expected = "Date, Last-Modified and Expires written as IMF-fixdate (Sun, 06 Nov 1994 08:49:37 GMT)";
        foreach (var (what, response) in await SampleAnswersAsync(c))
        {
            foreach (var field in new[] { "Date", "Last-Modified", "Expires" })
            {
                if (response.Header(field) is { } value && !HttpSyntax.TryParseImfFixdate(value, out _))
                {
                    c.Judgement.Violation($"{what}: {field} '{value}' is not an IMF-fixdate");
                }
            }
        }
    }

    private static async Task LastModifiedAsync(RestContext c)
    {
        c.Judgement.Expected = "Last-Modified no later than the answer's Date";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        var get = await c.SendAsync("GET", item.Path);
        c.Judgement.Observe($"Last-Modified: {get.Header("Last-Modified") ?? "(none)"}, Date: {get.Header("Date") ?? "(none)"}");
        if (HttpSyntax.TryParseImfFixdate(get.Header("Last-Modified"), out var modified) && HttpSyntax.TryParseImfFixdate(get.Header("Date"), out var date) && modified > date)
        {
            c.Judgement.Violation("Last-Modified is later than Date");
        }
    }

    private static async Task ContentLengthAsync(RestContext c)
    {
        c.Judgement.Expected = "Content-Length equal to the bytes sent, and never together with Transfer-Encoding";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("GET", item.Path), c.CancellationToken);
        var length = raw.Header("Content-Length");
        c.Judgement.Observe($"GET {item.Path}: {raw.Status}, Content-Length: {length ?? "(none)"}, Transfer-Encoding: {raw.Header("Transfer-Encoding") ?? "(none)"}, {raw.BodyBytes} bytes until the connection closed");
        if (length is not null && raw.Header("Transfer-Encoding") is not null)
        {
            c.Judgement.Violation("the answer has both Content-Length and Transfer-Encoding");
        }
        else if (length is not null && raw.Closed && (!long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) || declared != raw.BodyBytes))
        {
            c.Judgement.Violation($"Content-Length {length} but {raw.BodyBytes} bytes of content followed");
        }
    }

    private static async Task NoContentLengthOn204Async(RestContext c)
    {
        c.Judgement.Expected = "a 204 has no content and no Content-Length";
        if (await CreatedItemAsync(c, "DELETE") is not { } item)
        {
            return;
        }

        // A DELETE of an item the case created is the usual 204; OPTIONS (often a 204 from CORS middleware) is next.
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("DELETE", item.Path), c.CancellationToken);
        var what = $"DELETE {item.Path}";
        if (raw.Status is >= 200 and < 300)
        {
            c.Forget(item);
        }

        if (raw.Status != 204)
        {
            c.Judgement.Observe($"{what} answered {raw.Status}");
            what = $"OPTIONS {item.Resource.Collection}";
            raw = await c.Http.SendRawAsync(c.Http.RawRequest("OPTIONS", item.Resource.Collection), c.CancellationToken);
        }

        c.Judgement.Observe($"{what}: {raw.Status}, Content-Length: {raw.Header("Content-Length") ?? "(none)"}, {raw.BodyBytes} bytes after the head");
        if (raw.Status != 204)
        {
            c.Judgement.Unimplemented("neither DELETE nor OPTIONS answered 204, so there is no 204 to check");
            return;
        }

        if (raw.Header("Content-Length") is { } length)
        {
            c.Judgement.Violation($"the 204 to {what} carries Content-Length: {length}");
        }

        if (raw.BodyBytes > 0)
        {
            c.Judgement.Violation($"the 204 to {what} was followed by {raw.BodyBytes} bytes");
        }
    }

    private static async Task ContentTypeAsync(RestContext c)
    {
        c.Judgement.Expected = "a Content-Type on every answer with content";
        foreach (var (what, response) in await SampleAnswersAsync(c))
        {
            if (response.Body.Length > 0 && response.Header("Content-Type") is null)
            {
                c.Judgement.Violation($"{what} answered {response.Body.Length} bytes without Content-Type");
            }
        }
    }

    private static async Task EtagSyntaxAsync(RestContext c)
    {
        c.Judgement.Expected = "ETag values are quoted entity-tags: \"x\" or W/\"x\"";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        foreach (var path in new[] { item.Path, item.Resource.Collection })
        {
            var get = await c.SendAsync("GET", path);
            if (get.Header("ETag") is { } tag)
            {
                c.Judgement.Observe($"GET {path}: ETag {tag}");
                if (!HttpSyntax.IsEntityTag(tag))
                {
                    c.Judgement.Violation($"ETag {tag} is not a quoted entity-tag");
                }
            }
        }
    }

    private static async Task UnsatisfiableAcceptAsync(RestContext c)
    {
        c.Judgement.Expected = "406 Not Acceptable, or the default representation, for an Accept nothing satisfies";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        var get = await c.SendAsync("GET", item.Path, headers: [("Accept", "application/x-conformance-nothing")]);
        c.Judgement.Observe($"GET with Accept: application/x-conformance-nothing answered {get.Describe()}");
        if (get.Status != 406 && get.Status is < 200 or > 299)
        {
            c.Judgement.Violation($"answered {get.Status}: neither 406 nor a representation");
        }
    }

    private static async Task UnsupportedMediaTypeAsync(RestContext c)
    {
        c.Judgement.Expected = "415 Unsupported Media Type for a body in a format the resource does not take, and nothing created";
        var resource = c.Writable!;
        var post = await c.SendAsync("POST", resource.Collection, "name=conformance", "text/plain");
        c.Judgement.Observe($"POST {resource.Collection} with a text/plain body answered {post.Describe()}");
        JudgeRefusal(c, resource, post, "a text/plain body", 415);
    }

    // A body the API must refuse: accepting it (and creating something) is the violation, as is another refusal status.
    private static void JudgeRefusal(RestContext c, RestResource resource, RestResponse response, string what, params int[] statuses)
    {
        if (c.Track(resource, response) is not null || response.Status is >= 200 and < 300)
        {
            c.Judgement.Violation($"{what} was accepted ({response.Status})");
        }
        else if (!statuses.Contains(response.Status))
        {
            c.Judgement.Violation($"answered {response.Status}, not {string.Join(" or ", statuses)}");
        }
    }

    private static async Task MalformedJsonAsync(RestContext c)
    {
        c.Judgement.Expected = "400 Bad Request for a body that is not valid JSON (422 is for well-formed content)";
        var resource = c.Writable!;
        var post = await c.SendAsync("POST", resource.Collection, "{\"name\": \"conformance\", ", resource.MediaType);
        c.Judgement.Observe($"POST {resource.Collection} with truncated JSON answered {post.Describe()}");
        c.Track(resource, post);
        if (post.Header("Content-Type") is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            c.Judgement.Annotate($"the error came as an HTML page ({type}) from an API whose media type is {resource.MediaType}");
        }
        if (post.Status != 400)
        {
            c.Judgement.Violation(post.Status == 422 ? "answered 422, which is for well-formed content; malformed syntax is 400" : $"answered {post.Status}, not 400");
        }
    }

    private static async Task WrongShapeAsync(RestContext c)
    {
        c.Judgement.Expected = "400 or 422 for well-formed JSON of the wrong shape, and nothing created";
        var resource = c.Profile.Resources.First(r => r.CanCreate && r.Invalid is not null);
        var post = await c.SendAsync("POST", resource.Collection, resource.Invalid, resource.MediaType);
        c.Judgement.Observe($"POST {resource.Collection} with the invalid body answered {post.Describe()}");
        JudgeRefusal(c, resource, post, "the invalid body", 400, 422);
    }
}
