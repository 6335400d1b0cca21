using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>The judgements of rest.framing.* (RFC 9112 §3, §3.2, §6.3); each case's clause is in cases/rest-framing.yaml.</summary>
internal static class FramingOracles
{
    /// <summary>RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field".</summary>
    public static RestOracle<RawHttpResponse> MissingHost { get; } = new("400 for an HTTP/1.1 request without Host", Is400);

    /// <summary>RFC 9112 §3.2: the same 400 for a request "that contains more than one Host header field line".</summary>
    public static RestOracle<RawHttpResponse> TwoHosts { get; } = new("400 for a request with two Host lines", Is400);

    /// <summary>RFC 9112 §6.3: a request whose Content-Length is invalid is unrecoverable; the server answers 400.</summary>
    public static RestOracle<RawHttpResponse> InvalidContentLength { get; } = new("400 for a request whose Content-Length is not a number", Is400);

    /// <summary>
    /// RFC 9112 §3: "A server that receives a request-target longer than any URI it wishes to parse MUST respond with
    /// a 414 (URI Too Long) status code"; 400 or 431 refuses it with another code, which the MUST does not allow.
    /// </summary>
    public static RestOracle<RawHttpResponse> HugeTarget { get; } = new("414 URI Too Long for a request-target longer than the server parses (an answer that parsed it passes)", (raw, j) =>
    {
        if (raw.Status is 400 or 431)
        {
            j.Violation($"answered {raw.Status}; a request-target too long to parse MUST get 414 (RFC 9112 §3)");
        }
        else if (raw.Status >= 500 || raw.Status == 0)
        {
            j.Violation($"answered {raw.Status}: neither 414 nor a parsed answer");
        }
    });

    private static void Is400(RawHttpResponse raw, Judgement j)
    {
        if (raw.Status != 400)
        {
            j.Violation($"answered {raw.Status}, not 400");
        }
    }
}
