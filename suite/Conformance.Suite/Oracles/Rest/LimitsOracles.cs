using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>The judgement of rest.limits.* (RFC 9110 §15.5.14); the case's clause is in cases/rest-limits.yaml.</summary>
internal static class LimitsOracles
{
    /// <summary>§15.5.14: 413 for content larger than the server is willing to process, and nothing created.</summary>
    public static RestOracle<SentBody> BodyOverLimit { get; } = new("413 Content Too Large for a body over the declared limit, and nothing created", (seen, j) =>
        Refusal.Judge(seen, j, "a body over the declared limit", 413));
}
