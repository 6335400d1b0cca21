using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>The judgements of rest.bodies.* (RFC 9110 §15.5.1, §15.5.12, §15.5.21); each case's clause is in cases/rest-bodies.yaml.</summary>
internal static class BodiesOracles
{
    /// <summary>§15.5.1: 400 for malformed request syntax; §15.5.21's 422 is for content that is well-formed.</summary>
    public static RestOracle<SentBody> MalformedJson { get; } = new("400 Bad Request for a body that is not valid JSON (422 is for well-formed content)", (seen, j) =>
    {
        var post = seen.Response;
        if (post.Header("Content-Type") is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            j.Annotate($"the error came as an HTML page ({type}) from an API whose media type is {seen.MediaType}");
        }

        if (post.Status != 400)
        {
            j.Violation(post.Status == 422 ? "answered 422, which is for well-formed content; malformed syntax is 400" : $"answered {post.Status}, not 400");
        }
    });

    /// <summary>§15.5.21: 422 (or 400) for well-formed content the API cannot process, and nothing created.</summary>
    public static RestOracle<SentBody> WrongShape { get; } = new("400 or 422 for well-formed JSON of the wrong shape, and nothing created", (seen, j) =>
        Refusal.Judge(seen, j, "the invalid body", 400, 422));

    /// <summary>
    /// RFC 9112 §7.1: "A recipient MUST be able to parse and decode the chunked transfer coding"; RFC 9110 §15.5.12
    /// lets a server refuse a body without Content-Length with 411. Any other refusal fails only when the same body
    /// with Content-Length was accepted: otherwise the refusal is not about the coding.
    /// </summary>
    public static RestOracle<ChunkedSent> ChunkedBody { get; } = new("a chunked request body is read (2xx) or refused with 411 Length Required", (seen, j) =>
    {
        if (seen.WithLength is not { } plain)
        {
            return;
        }

        if (plain.Status is >= 200 and < 300)
        {
            j.Violation($"the chunked body answered {seen.Chunked.Status} while the same body with Content-Length answered {plain.Status}: it was not decoded (RFC 9112 §7.1)");
        }
        else
        {
            j.Unimplemented($"the chunked body answered {seen.Chunked.Status} and the same body with Content-Length {plain.Status}: the API does not accept the sample, so decoding cannot be judged");
        }
    });
}
