namespace Conformance.Suite.Rest;

/// <summary>An answer, and the request that got it ("GET /items/1").</summary>
internal sealed record SampleAnswer(string What, RestResponse Response);

/// <summary>An answer, and the media type the profile declares for the resource it came from.</summary>
internal sealed record LabelledAnswer(string What, string Declared, RestResponse Response);

/// <summary>The answer that should be a 204 (a DELETE's, else an OPTIONS'), read raw, and the request that got it.</summary>
internal sealed record NoContentAnswer(string What, RawHttpResponse Raw);

/// <summary>The answer to a GET with Range, and whether the profile declares that the API serves ranges.</summary>
internal sealed record RangeAnswer(RestResponse Response, bool RangesDeclared);

// The exchanges of rest.headers.*: they send and record; Oracles/Rest/HeadersOracles.cs judges.
public static partial class RestProbes
{
    // A success and an error answer: header rules hold for both.
    private static async Task<IReadOnlyList<SampleAnswer>> SampleAnswersAsync(RestContext c)
    {
        var answers = new List<SampleAnswer>();
        if (await c.ExistingItemAsync(mayCreate: true) is { } item)
        {
            answers.Add(new($"GET {item.Path}", await c.SendAsync("GET", item.Path)));
        }

        var missing = c.Profile.Resources[0].ItemPath(MissingId(c.Profile.Resources[0]));
        answers.Add(new($"GET {missing}", await c.SendAsync("GET", missing)));
        return answers;
    }

    // A GET of every collection that allows it and of one item, each with the media type its resource declares.
    private static async Task<IReadOnlyList<LabelledAnswer>> DeclaredMediaTypesAsync(RestContext c)
    {
        var answers = new List<LabelledAnswer>();
        foreach (var resource in c.Profile.Resources.Where(r => r.CollectionMethods.Contains("GET")))
        {
            answers.Add(new($"GET {resource.Collection}", resource.MediaType, await c.SendAsync("GET", resource.Collection)));
        }

        if (await c.ExistingItemAsync(mayCreate: true) is { } item)
        {
            answers.Add(new($"GET {item.Path}", item.Resource.MediaType, await c.SendAsync("GET", item.Path)));
        }

        foreach (var (what, _, response) in answers)
        {
            c.Observe($"{what}: {response.Status}, Content-Type: {response.Header("Content-Type") ?? "(none)"}");
        }

        return answers;
    }

    private static async Task<IReadOnlyList<SampleAnswer>> DatesAsync(RestContext c)
    {
        var answers = await SampleAnswersAsync(c);
        foreach (var (what, response) in answers)
        {
            c.Observe($"{what}: {response.Status}, Date: {response.Header("Date") ?? "(none)"}");
        }

        return answers;
    }

    private static async Task<RestResponse> LastModifiedAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        var get = await c.SendAsync("GET", item.Path);
        c.Observe($"Last-Modified: {get.Header("Last-Modified") ?? "(none)"}, Date: {get.Header("Date") ?? "(none)"}");
        return get;
    }

    private static async Task<RawHttpResponse> RawGetAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("GET", item.Path), c.CancellationToken);
        c.Observe($"GET {item.Path}: {raw.Status}, Content-Length: {raw.Header("Content-Length") ?? "(none)"}, Transfer-Encoding: {raw.Header("Transfer-Encoding") ?? "(none)"}, {raw.BodyBytes} bytes until the connection closed");
        return raw;
    }

    // A DELETE of an item the case created is the usual 204; OPTIONS (often a 204 from CORS middleware) is next.
    private static async Task<NoContentAnswer> NoContentAsync(RestContext c)
    {
        var item = await ItemToChangeAsync(c, "DELETE");
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("DELETE", item.Path), c.CancellationToken);
        var what = $"DELETE {item.Path}";
        if (raw.Status is >= 200 and < 300)
        {
            c.Forget(item);
        }

        if (raw.Status != 204)
        {
            c.Observe($"{what} answered {raw.Status}");
            what = $"OPTIONS {item.Resource.Collection}";
            raw = await c.Http.SendRawAsync(c.Http.RawRequest("OPTIONS", item.Resource.Collection), c.CancellationToken);
        }

        c.Observe($"{what}: {raw.Status}, Content-Length: {raw.Header("Content-Length") ?? "(none)"}, {raw.BodyBytes} bytes after the head");
        return new(what, raw);
    }

    private static async Task<RangeAnswer> RangeAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        var get = await c.SendAsync("GET", item.Path, headers: [("Range", "bytes=0-3")]);
        c.Observe($"GET {item.Path} with Range: bytes=0-3 answered {get.Describe()}{(get.Header("Content-Range") is { } range ? $", Content-Range: {range}" : "")}");
        return new(get, c.Profile.Features.Ranges);
    }

    // The ETags of an item and of its collection, each as it comes.
    private static async IAsyncEnumerable<string> EtagsAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        foreach (var path in new[] { item.Path, item.Resource.Collection })
        {
            var get = await c.SendAsync("GET", path);
            if (get.Header("ETag") is { } tag)
            {
                c.Observe($"GET {path}: ETag {tag}");
                yield return tag;
            }
        }
    }
}
