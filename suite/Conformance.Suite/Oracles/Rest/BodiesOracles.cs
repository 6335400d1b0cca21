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

    /// <summary>§15.5.12: a server that will not read a body without Content-Length answers 411; one that reads it succeeds.</summary>
    public static RestOracle<RawHttpResponse> ChunkedBody { get; } = new("a chunked request body is read (2xx) or refused with 411 Length Required", (raw, j) =>
    {
        if (raw.Status is not (>= 200 and < 300 or 411))
        {
            j.Violation($"answered {raw.Status}");
        }
    });
}
