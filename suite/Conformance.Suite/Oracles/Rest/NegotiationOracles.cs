using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>The judgements of rest.negotiation.* (RFC 9110 §12.5.1, §12.5.5, §15.5.16); each case's clause is in cases/rest-negotiation.yaml.</summary>
internal static class NegotiationOracles
{
    /// <summary>§12.5.1: for an Accept nothing satisfies, the server sends 406 or disregards the header.</summary>
    public static RestOracle<RestResponse> UnsatisfiableAccept { get; } = new("406 Not Acceptable, or the default representation, for an Accept nothing satisfies", (get, j) =>
    {
        if (get.Status != 406 && get.Status is < 200 or > 299)
        {
            j.Violation($"answered {get.Status}: neither 406 nor a representation");
        }
    });

    /// <summary>§12.5.5: an answer selected by Accept lists Accept (or *) in Vary; one that does not change need not.</summary>
    public static RestOracle<AcceptAnswers> VaryAccept { get; } = new("a response that depends on Accept says so with Vary: Accept", (seen, j) =>
    {
        if (seen.Plain.Status == seen.Refused.Status)
        {
            j.Unimplemented("the answer does not change with Accept, so it need not vary");
            return;
        }

        var vary = seen.Plain.Joined("Vary") ?? "";
        if (!vary.Split(',', StringSplitOptions.TrimEntries).Any(v => v == "*" || v.Equals("Accept", StringComparison.OrdinalIgnoreCase)))
        {
            j.Violation($"the answer depends on Accept but Vary is '{vary}'");
        }
    });

    /// <summary>§15.5.16: 415 for content in a format the target resource does not support, and nothing created.</summary>
    public static RestOracle<SentBody> UnsupportedMediaType { get; } = new("415 Unsupported Media Type for a body in a format the resource does not take, and nothing created", (seen, j) =>
        Refusal.Judge(seen, j, "a text/plain body", 415));
}
