using System.Text;

namespace Conformance.Suite.Rest;

// The exchange of rest.limits.*: it sends and records; Oracles/Rest/LimitsOracles.cs judges.
public static partial class RestProbes
{
    private static async Task<SentBody> BodyOverLimitAsync(RestContext c)
    {
        var resource = c.Writable!;
        var limit = c.Profile.Features.MaxBodyBytes!.Value;
        var padding = new StringBuilder().Append('"').Append('x', (int)Math.Min(limit + 1024, 64L * 1024 * 1024)).Append('"').ToString();
        var body = resource.Sample!.TrimEnd().TrimEnd('}') + (resource.Sample!.Trim() == "{}" ? "" : ",") + $"\"conformancePadding\":{padding}}}";
        // RFC 9110 §15.5.14: a server may answer 413 and close before reading the content. HttpClient would report
        // only the broken write; the raw exchange reads the answer after a failed write.
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("POST", resource.Collection, [$"Content-Type: {resource.MediaType}"], body), c.CancellationToken);
        c.Observe($"POST {resource.Collection} with {Encoding.UTF8.GetByteCount(body)} bytes (limit {limit}) answered {raw.Status}{(raw.Header("Location") is { } l ? $", Location: {l}" : "")}");
        var post = raw.AsResponse();
        return new(post, c.Track(resource, post) is not null, resource.MediaType);
    }
}
