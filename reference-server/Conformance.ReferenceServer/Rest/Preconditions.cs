using Microsoft.Net.Http.Headers;

namespace Conformance.ReferenceServer.Rest;

/// <summary>What the preconditions of a request decide (RFC 9110 §13.2.2).</summary>
internal enum PreconditionOutcome
{
    /// <summary>Perform the method.</summary>
    Proceed,

    /// <summary>GET or HEAD of a representation the client has: 304.</summary>
    NotModified,

    /// <summary>412, and the method is not performed.</summary>
    Failed,
}

/// <summary>
/// The validators of the selected representation (the whole record is null when there is none: the resource is
/// missing). A null <see cref="ETag"/> or <see cref="LastModified"/>: the representation has no such validator.
/// </summary>
internal sealed record Validators(EntityTagHeaderValue? ETag, DateTimeOffset? LastModified);

/// <summary>
/// RFC 9110 §13.1 and the order of §13.2.2. The caller applies §13.2.1 itself: it asks only when the
/// response without the preconditions would be 2xx (a GET or DELETE of a missing id is 404 regardless).
/// </summary>
internal static class Preconditions
{
    /// <summary>
    /// Evaluates the request's preconditions against <paramref name="current"/>. With <paramref name="ignoreIfMatch"/>
    /// (the <see cref="Defect.RestIgnoresIfMatch"/> fixture) If-Match is treated as absent.
    /// </summary>
    public static PreconditionOutcome Evaluate(HttpRequest request, Validators? current, bool ignoreIfMatch = false)
    {
        var headers = request.GetTypedHeaders();
        var getOrHead = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

        // Step 1: "When recipient is the origin server and If-Match is present, evaluate the If-Match precondition";
        // step 2: "When recipient is the origin server, If-Match is not present, and If-Unmodified-Since is present".
        if (request.Headers.IfMatch.Count > 0 && !ignoreIfMatch)
        {
            if (!IfMatch(headers.IfMatch, current))
            {
                return PreconditionOutcome.Failed;
            }
        }
        else if (headers.IfUnmodifiedSince is { } unmodifiedSince && current?.LastModified is { } changed && changed > unmodifiedSince)
        {
            return PreconditionOutcome.Failed;
        }

        // Step 3: "When If-None-Match is present ... if false for GET/HEAD, respond 304 (Not Modified); if false for
        // other methods, respond 412"; step 4: "When the method is GET or HEAD, If-None-Match is not present, and
        // If-Modified-Since is present".
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            if (!IfNoneMatch(headers.IfNoneMatch, current))
            {
                return getOrHead ? PreconditionOutcome.NotModified : PreconditionOutcome.Failed;
            }
        }
        else if (getOrHead && headers.IfModifiedSince is { } modifiedSince && current?.LastModified is { } modified && modified <= modifiedSince)
        {
            // §13.1.3: "false if the selected representation's last modification date is earlier or equal to the date provided".
            return PreconditionOutcome.NotModified;
        }

        return PreconditionOutcome.Proceed;
    }

    /// <summary>
    /// §13.1.1: "If the field value is '*', the condition is true if the origin server has a current representation
    /// for the target resource"; otherwise "true if any of the listed tags match the entity tag of the selected
    /// representation" — using "the strong comparison function", under which a weak tag never matches.
    /// A field that does not parse lists no tag, so it is false.
    /// </summary>
    private static bool IfMatch(IList<EntityTagHeaderValue> tags, Validators? current) =>
        current is not null && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (current.ETag is { } etag && tag.Compare(etag, useStrongComparison: true)));

    /// <summary>
    /// §13.1.2: "If the field value is '*', the condition is false if the origin server has a current representation
    /// for the target resource"; otherwise "false if one of the listed tags matches the entity tag of the selected
    /// representation" — using "the weak comparison function".
    /// </summary>
    private static bool IfNoneMatch(IList<EntityTagHeaderValue> tags, Validators? current) =>
        current is null || !tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || (current.ETag is { } etag && tag.Compare(etag, useStrongComparison: false)));
}
