using System.Text.Json;
using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>The judgement of rest.problem.* (RFC 9457 §3.1.2); the case's clause is in cases/rest-problem.yaml.</summary>
internal static class ProblemOracles
{
    /// <summary>RFC 9457 §3.1.2: the "status" member, if present, is the HTTP status code of the answer.</summary>
    public static RestOracle<RestResponse> StatusMember { get; } = new("errors as application/problem+json whose status member equals the status code", (get, j) =>
    {
        if (get.Status < 400)
        {
            j.Unimplemented($"a missing id answered {get.Status}, not an error");
            return;
        }

        if (get.Header("Content-Type")?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) != true)
        {
            j.Violation($"the error's Content-Type is '{get.Header("Content-Type") ?? "(none)"}', not application/problem+json");
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(get.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("status", out var status)
                || status.ValueKind != JsonValueKind.Number
                || status.GetInt32() != get.Status)
            {
                j.Violation($"the problem's status member does not equal {get.Status}");
            }
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            j.Violation("the problem details are not a JSON object");
        }
    });
}
