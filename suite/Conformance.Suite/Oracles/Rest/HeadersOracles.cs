using System.Globalization;
using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>The judgements of rest.headers.* (RFC 9110 §5.6.7, §6.6.1, §8, §15.3.7; RFC 9112 §6.2); each case's clause is in cases/rest-headers.yaml.</summary>
internal static class HeadersOracles
{
    /// <summary>§6.6.1: an origin server with a clock sends Date on every 2xx, 3xx and 4xx answer.</summary>
    public static RestOracle<IReadOnlyList<SampleAnswer>> DatePresent { get; } = new("a Date header on every 2xx, 3xx and 4xx answer", (answers, j) =>
    {
        foreach (var (what, response) in answers)
        {
            if (response.Status < 500 && response.Header("Date") is null)
            {
                j.Violation($"{what} answered {response.Status} without Date");
            }
        }
    });

    /// <summary>§5.6.7: a sender generates HTTP dates as IMF-fixdate.</summary>
    public static RestOracle<IReadOnlyList<SampleAnswer>> ImfFixdate { get; } = new("Date, Last-Modified and Expires written as IMF-fixdate (Sun, 06 Nov 1994 08:49:37 GMT)", (answers, j) =>
    {
        foreach (var (what, response) in answers)
        {
            foreach (var field in new[] { "Date", "Last-Modified", "Expires" })
            {
                if (response.Header(field) is { } value && !HttpSyntax.TryParseImfFixdate(value, out _))
                {
                    j.Violation($"{what}: {field} '{value}' is not an IMF-fixdate");
                }
            }
        }
    });

    // Servers such as Kestrel compute Date once a second and reuse it: an item changed within that second may carry a
    // Last-Modified one second past the cached Date without being later than the time the message originated.
    private static readonly TimeSpan DateCacheAllowance = TimeSpan.FromSeconds(1);

    /// <summary>§8.8.2.1: a Last-Modified later than the message's Date is replaced by the Date.</summary>
    public static RestOracle<RestResponse> LastModified { get; } = new("Last-Modified no later than the answer's Date", (get, j) =>
    {
        if (HttpSyntax.TryParseImfFixdate(get.Header("Last-Modified"), out var modified) && HttpSyntax.TryParseImfFixdate(get.Header("Date"), out var date) && modified > date + DateCacheAllowance)
        {
            j.Violation("Last-Modified is later than Date");
        }
    });

    /// <summary>RFC 9112 §6.2: Content-Length is the length of the content, and never sent with Transfer-Encoding.</summary>
    public static RestOracle<RawHttpResponse> ContentLength { get; } = new("Content-Length equal to the bytes sent, and never together with Transfer-Encoding", (raw, j) =>
    {
        var length = raw.Header("Content-Length");
        if (length is not null && raw.Header("Transfer-Encoding") is not null)
        {
            j.Violation("the answer has both Content-Length and Transfer-Encoding");
        }
        else if (length is not null && raw.Closed && (!long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) || declared != raw.BodyBytes))
        {
            j.Violation($"Content-Length {length} but {raw.BodyBytes} bytes of content followed");
        }
    });

    /// <summary>§8.6: "A server MUST NOT send a Content-Length header field in any response with a status code of 1xx (Informational) or 204 (No Content)."</summary>
    public static RestOracle<NoContentAnswer> NoContentLengthOn204 { get; } = new("a 204 has no content and no Content-Length", (seen, j) =>
    {
        var (what, raw) = seen;
        if (raw.Status != 204)
        {
            j.Unimplemented("neither DELETE nor OPTIONS answered 204, so there is no 204 to check");
            return;
        }

        if (raw.Header("Content-Length") is { } length)
        {
            j.Violation($"the 204 to {what} carries Content-Length: {length}");
        }

        if (raw.BodyBytes > 0)
        {
            j.Violation($"the 204 to {what} was followed by {raw.BodyBytes} bytes");
        }
    });

    /// <summary>§15.3.7.1: a 206 with a single part carries Content-Range; ignoring Range and answering 200 is allowed.</summary>
    public static RestOracle<RangeAnswer> ContentRange { get; } = new("a 206 carries Content-Range for the part sent (a server may also ignore Range and answer 200)", (seen, j) =>
    {
        var get = seen.Response;
        if (get.Status == 206 && get.Header("Content-Range")?.StartsWith("bytes 0-", StringComparison.OrdinalIgnoreCase) != true)
        {
            j.Violation($"the 206 has no Content-Range for bytes 0-3 ('{get.Header("Content-Range") ?? "(none)"}')");
        }
        else if (get.Status != 206 && seen.RangesDeclared)
        {
            j.Annotate("the profile declares ranges, but Range was ignored");
        }
    });

    /// <summary>§8.3: "A sender that generates a message containing content SHOULD generate a Content-Type header field in that message".</summary>
    public static RestOracle<IReadOnlyList<SampleAnswer>> ContentType { get; } = new("a Content-Type on every answer with content", (answers, j) =>
    {
        foreach (var (what, response) in answers)
        {
            if (response.Body.Length > 0 && response.Header("Content-Type") is null)
            {
                j.Violation($"{what} answered {response.Body.Length} bytes without Content-Type");
            }
        }
    });

    /// <summary>
    /// §8.3: "The "Content-Type" header field indicates the media type of the associated representation": a 2xx with
    /// content labelled otherwise than the profile declares mislabels it (parameters such as charset aside).
    /// </summary>
    public static RestOracle<IReadOnlyList<LabelledAnswer>> DeclaredMediaType { get; } = new("every 2xx with content labelled with the media type its resource declares", (answers, j) =>
    {
        var judged = 0;
        foreach (var (what, declared, response) in answers.Where(a => a.Response.Status is >= 200 and < 300 && a.Response.Body.Length > 0))
        {
            judged++;
            var type = response.Header("Content-Type") is { } header ? header.Split(';')[0].Trim() : null;
            if (!string.Equals(type, declared, StringComparison.OrdinalIgnoreCase))
            {
                j.Violation($"{what} answered {response.Status} labelled '{Bound(type ?? "(no Content-Type)")}', not the declared {declared}");
            }
        }

        if (judged == 0)
        {
            j.Unimplemented("no GET answered 2xx with content, so there is no label to check");
        }
    });

    /// <summary>§8.8.3: entity-tag = [ weak ] opaque-tag, a quoted string.</summary>
    public static RestOracle<string> EtagSyntax { get; } = new("ETag values are quoted entity-tags: \"x\" or W/\"x\"", (tag, j) =>
    {
        if (!HttpSyntax.IsEntityTag(tag))
        {
            j.Violation($"ETag {tag} is not a quoted entity-tag");
        }
    });

    private static string Bound(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
