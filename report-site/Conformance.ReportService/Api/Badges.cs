using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Conformance.ReportService.Storage;

namespace Conformance.ReportService.Api;

/// <summary>
/// <c>/badge/{implementation}.svg</c>: the pass rate of an implementation's newest run, for READMEs. The SVG is
/// built with XElement, so every text is XML-encoded, and it has no script and no style element, under a CSP that
/// forbids both.
/// </summary>
internal static class Badges
{
    public const string RateLimit = "badges";

    /// <summary>The badge's own policy: an SVG opened directly is a document and could otherwise run script.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; script-src 'none'; style-src 'none'; base-uri 'none'; form-action 'none'";

    private const string MediaType = "image/svg+xml";
    private const string Label = "conformance";
    private const int CharWidth = 7;
    private const int Padding = 10;
    private const int Height = 20;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapMethods("/badge/{implementation}.svg", [HttpMethods.Get, HttpMethods.Head], BadgeAsync).RequireRateLimiting(RateLimit);

    private static async Task<IResult> BadgeAsync(HttpContext context, IReportStore store, string implementation, CancellationToken cancellationToken)
    {
        var latest = await store.ListRunsAsync(new RunQuery { Implementation = PathSegment.Name(implementation), PageSize = 1 }, cancellationToken);
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        if (latest.Items is not [var run])
        {
            // An image, not problem details: a README shows it where the badge would be.
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return TypedResults.Bytes(Render("no runs", "#9f9f9f"), MediaType);
        }

        return Conditional.Content(context, Render(Message(run.Verdicts), Colour(run.Verdicts)), weak: false, MediaType);
    }

    /// <summary>Pass rate as the report site defines it: pass ÷ (pass + non-strict + fail + error).</summary>
    public static string Message(VerdictCounts v)
    {
        var judged = v.Pass + v.NonStrict + v.Fail + v.Error;
        return judged == 0 ? "nothing judged" : string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(100.0 * v.Pass / judged):0}% ({v.Pass}/{judged})");
    }

    private static string Colour(VerdictCounts v) => v.Fail + v.Error > 0 ? "#e05d44" : v.NonStrict > 0 ? "#dfb317" : "#4c1";

    private static byte[] Render(string message, string colour)
    {
        var labelWidth = (Label.Length * CharWidth) + Padding;
        var messageWidth = (message.Length * CharWidth) + Padding;
        var svg = new XElement(
            Svg + "svg",
            new XAttribute("width", labelWidth + messageWidth),
            new XAttribute("height", Height),
            new XAttribute("role", "img"),
            new XAttribute("aria-label", $"{Label}: {message}"),
            new XElement(Svg + "title", $"{Label}: {message}"),
            new XElement(Svg + "rect", new XAttribute("width", labelWidth), new XAttribute("height", Height), new XAttribute("fill", "#555")),
            new XElement(Svg + "rect", new XAttribute("x", labelWidth), new XAttribute("width", messageWidth), new XAttribute("height", Height), new XAttribute("fill", colour)),
            new XElement(
                Svg + "g",
                new XAttribute("fill", "#fff"),
                new XAttribute("font-family", "Verdana,DejaVu Sans,sans-serif"),
                new XAttribute("font-size", 11),
                Text(labelWidth / 2, Label),
                Text(labelWidth + (messageWidth / 2), message)));
        return Encoding.UTF8.GetBytes(svg.ToString(SaveOptions.DisableFormatting));
    }

    private static XElement Text(int x, string text) =>
        new(Svg + "text", new XAttribute("x", x), new XAttribute("y", 14), new XAttribute("text-anchor", "middle"), text);
}
