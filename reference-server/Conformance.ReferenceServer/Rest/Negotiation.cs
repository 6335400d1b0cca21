using Microsoft.Net.Http.Headers;

namespace Conformance.ReferenceServer.Rest;

/// <summary>The REST API's one media type, and how requests are matched against it (RFC 9110 §12).</summary>
internal static class Negotiation
{
    /// <summary>Every representation and every request body is JSON (RFC 8259 defines no parameters for it).</summary>
    public const string Json = "application/json";

    /// <summary>
    /// True unless the Accept field rules JSON out. §12.5.1: "Media ranges can be overridden by more specific
    /// media ranges or specific media types"; the most specific range that covers application/json decides,
    /// and "a value of 0 means 'not acceptable'". No Accept, or one that does not parse, accepts anything.
    /// </summary>
    public static bool AcceptsJson(HttpRequest request)
    {
        var ranges = request.GetTypedHeaders().Accept;
        if (ranges.Count == 0)
        {
            return true;
        }

        var best = ranges
            .Select(range => (Range: range, Specificity: Specificity(range)))
            .Where(candidate => candidate.Specificity >= 0)
            .OrderByDescending(candidate => candidate.Specificity)
            .Select(candidate => candidate.Range)
            .FirstOrDefault();
        return best is not null && (best.Quality ?? 1) > 0;
    }

    /// <summary>True when the request content is declared as application/json (any parameters, any case).</summary>
    public static bool IsJsonContent(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase);

    /// <summary>2 for application/json, 1 for application/*, 0 for */*, -1 for a range that does not cover JSON.</summary>
    private static int Specificity(MediaTypeHeaderValue range) => range switch
    {
        { MatchesAllTypes: true } => 0,
        _ when !range.Type.Equals("application", StringComparison.OrdinalIgnoreCase) => -1,
        { MatchesAllSubTypes: true } => 1,
        _ when range.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) => 2,
        _ => -1,
    };
}
