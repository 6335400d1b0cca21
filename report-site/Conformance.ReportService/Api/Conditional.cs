using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Conformance.ReportService.Api;

/// <summary>Validators on reads: an ETag from the content's hash, and 304 for a matching If-None-Match (RFC 9110 §13.1.2).</summary>
internal static class Conditional
{
    /// <summary>
    /// 200 with the content and its ETag, or 304 when If-None-Match names it (weak comparison). A list is tagged
    /// weak: equal JSON, but its order among uploads of the same millisecond is not a promise.
    /// </summary>
    public static IResult Content(HttpContext context, byte[] content, bool weak, string mediaType)
    {
        var tag = new EntityTagHeaderValue($"\"{WebEncoders.Base64UrlEncode(SHA256.HashData(content).AsSpan(0, 16))}\"", weak);
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = tag;
        // Clients may keep a copy, but must revalidate it (cheap: the 304 below).
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(content, mediaType);
    }
}
