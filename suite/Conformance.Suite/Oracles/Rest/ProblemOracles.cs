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
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                j.Violation("the problem details are not a JSON object");
            }
            else if (!document.RootElement.TryGetProperty("status", out var status))
            {
                // The member is advisory (§3.1.2: "if present"); only a present one can disagree with the answer.
                j.Observe("the problem has no status member, which RFC 9457 §3.1.2 allows");
            }
            else if (status.ValueKind != JsonValueKind.Number || !status.TryGetInt32(out var code) || code != get.Status)
            {
                j.Violation($"the problem's status member is {Bound(status.GetRawText())}, not {get.Status}");
            }
        }
        catch (JsonException)
        {
            j.Violation("the problem details are not JSON");
        }
    });

    private static string Bound(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
