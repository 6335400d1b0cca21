namespace Conformance.Suite.Rest;

/// <summary>The answer to a body the API should refuse, whether it created an item anyway, and the API's media type.</summary>
internal sealed record SentBody(RestResponse Response, bool Created, string MediaType);

/// <summary>The answer to the sample sent chunked and, when that was refused, to the same body with Content-Length.</summary>
internal sealed record ChunkedSent(RawHttpResponse Chunked, RestResponse? WithLength);

// The exchanges of rest.bodies.*: they send and record; Oracles/Rest/BodiesOracles.cs judges.
public static partial class RestProbes
{
    // POSTs a body the API should refuse; an item it creates anyway is deleted with the others.
    private static async Task<SentBody> PostToRefuseAsync(RestContext c, RestResource resource, string? body, string mediaType, string what, IEnumerable<(string Name, string Value)>? headers = null)
    {
        var post = await c.SendAsync("POST", resource.Collection, body, mediaType, headers);
        c.Observe($"POST {resource.Collection} with {what} answered {post.Describe()}");
        return new(post, c.Track(resource, post) is not null, resource.MediaType);
    }

    private static Task<SentBody> MalformedJsonAsync(RestContext c) =>
        PostToRefuseAsync(c, c.Writable!, "{\"name\": \"conformance\", ", c.Writable!.MediaType, "truncated JSON");

    private static Task<SentBody> WrongShapeAsync(RestContext c)
    {
        var resource = c.Profile.Resources.First(r => r.CanCreate && r.Invalid is not null);
        return PostToRefuseAsync(c, resource, resource.Invalid, resource.MediaType, "the invalid body");
    }

    private static async Task<ChunkedSent> ChunkedBodyAsync(RestContext c)
    {
        var resource = c.Writable!;
        var body = resource.Sample!;
        var chunked = $"{System.Text.Encoding.UTF8.GetByteCount(body):x}\r\n{body}\r\n0\r\n\r\n";
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("POST", resource.Collection, [$"Content-Type: {resource.MediaType}", "Transfer-Encoding: chunked"], chunked), c.CancellationToken);
        c.Observe($"a chunked POST answered {raw.Status}{(raw.Header("Location") is { } l ? $", Location: {l}" : "")}");
        c.Track(resource, raw.AsResponse());

        if (raw.Status is >= 200 and < 300 or 411)
        {
            return new(raw, null);
        }

        // Only the same body accepted with Content-Length shows that the refusal is about the chunked coding.
        var plain = await c.SendAsync("POST", resource.Collection, body, resource.MediaType);
        c.Observe($"the same body with Content-Length answered {plain.Describe()}");
        c.Track(resource, plain);
        return new(raw, plain);
    }
}
