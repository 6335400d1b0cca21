using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Conformance.ReferenceServer.Rest;

/// <summary>A REST collection and its items. A read-only one allows GET, HEAD and OPTIONS alone.</summary>
internal sealed record RestResource(string Name, RestStore Store, bool Writable)
{
    /// <summary>The collection's route under <see cref="RestApi.BasePath"/>.</summary>
    public string CollectionRoute => $"/{Name}";

    /// <summary>An item's route under <see cref="RestApi.BasePath"/>.</summary>
    public string ItemRoute => $"/{Name}/{{id}}";

    /// <summary>The path-absolute URL of item <paramref name="id"/> (RFC 9110 §10.2.2 allows a relative Location).</summary>
    public string ItemUrl(string id) => $"{RestApi.BasePath}/{Name}/{Uri.EscapeDataString(id)}";
}

/// <summary>
/// The handlers of one <see cref="RestResource"/>: JSON representations with strong validators, conditional
/// requests, negotiation and problem details, as RFC 9110 wants them; <paramref name="defect"/> bends one of them, and
/// <paramref name="variant"/> makes another legitimate choice (<see cref="RestVariantRules"/>).
/// </summary>
internal sealed class ResourceEndpoints(RestResource resource, Defect defect, Variant variant, TimeProvider clock)
{
    /// <summary>The largest request content read; more gets 413 (the profile declares it as maxBodyBytes).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Every GET and HEAD 200 and 304 carries it: caches must revalidate, which is what the validators are for.</summary>
    private const string CacheControl = "no-cache";

    public RestResource Resource => resource;

    private bool IgnoreIfMatch => defect == Defect.RestIgnoresIfMatch;

    /// <summary>
    /// 204 with nothing after the head. Kestrel sends no Content-Length on a 204 by itself (§8.6: "A server MUST NOT
    /// send a Content-Length header field in any response with a status code of ... 204"); the defect adds one.
    /// </summary>
    public static void NoContent(HttpContext context, Defect defect)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        if (defect == Defect.RestNoContentWithContentLength)
        {
            BelowHttp.AddHeaderLine(context, "Content-Length: 0");
        }
    }

    /// <summary>GET and HEAD of the collection: a JSON array of the items, with a weak tag.</summary>
    public async Task ListAsync(HttpContext context)
    {
        if (await RefuseUnacceptableAsync(context))
        {
            return;
        }

        var (resources, tag) = resource.Store.List();
        await ReadAsync(context, RestJson.Array(resources.Select(r => r.Json)), CollectionValidators(tag));
    }

    /// <summary>GET and HEAD of an item.</summary>
    public async Task GetAsync(HttpContext context)
    {
        if (await RefuseUnacceptableAsync(context) || await RefuseMalformedIdAsync(context))
        {
            return;
        }

        if (resource.Store.Find(Id(context)) is not { } found)
        {
            // §13.2.1: preconditions are ignored when the answer without them would not be 2xx.
            await NotFoundAsync(context);
            return;
        }

        await ReadAsync(context, found.Json, ValidatorsOf(found));
    }

    /// <summary>POST to the collection: 201 with Location and the stored item (§9.3.3, §15.3.2).</summary>
    public async Task CreateAsync(HttpContext context)
    {
        if (await ReadItemAsync(context) is not (var item, _))
        {
            return;
        }

        var created = resource.Store.Add(
            id => ItemSchema.Render(id, item),
            collectionTag => Preconditions.Evaluate(context.Request, CollectionValidators(collectionTag), IgnoreIfMatch) == PreconditionOutcome.Proceed);
        if (created is null)
        {
            await PreconditionFailedAsync(context);
            return;
        }

        if (defect != Defect.RestCreatedWithoutLocation)
        {
            context.Response.Headers.Location = resource.ItemUrl(created.Id);
        }

        SetValidators(context.Response, created);
        var status = defect == Defect.RestCreatedWithout201 ? StatusCodes.Status200OK : StatusCodes.Status201Created;
        await SendJsonAsync(context, status, created.Json);
    }

    /// <summary>
    /// PUT of an item: 200 with the stored item when it replaces, 201 with Location when it creates (§9.3.4).
    /// Validators go with it only when the content was stored byte for byte as sent, which the id the server
    /// writes first usually prevents (§9.3.4: "An origin server MUST NOT send a validator field ... in a successful
    /// response to PUT unless the request's representation data was saved without any transformation applied to
    /// the content ... and the validator field value reflects the new representation").
    /// </summary>
    public async Task ReplaceAsync(HttpContext context)
    {
        var id = Id(context);
        if (await RefuseMalformedIdAsync(context) || await ReadItemAsync(context) is not (var item, var content))
        {
            return;
        }

        var (outcome, stored) = resource.Store.Put(
            id,
            ItemSchema.Render(id, item),
            current => Preconditions.Evaluate(context.Request, current is null ? null : ValidatorsOf(current), IgnoreIfMatch) == PreconditionOutcome.Proceed);
        if (outcome == WriteOutcome.PreconditionFailed || stored is null)
        {
            await PreconditionFailedAsync(context);
            return;
        }

        if (outcome == WriteOutcome.Created)
        {
            context.Response.Headers.Location = resource.ItemUrl(id);
        }

        if (stored.Json.AsSpan().SequenceEqual(content))
        {
            SetValidators(context.Response, stored);
        }

        await SendJsonAsync(context, outcome == WriteOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, stored.Json);
    }

    /// <summary>DELETE of an item: 204, then 404 for it (§9.3.5).</summary>
    public async Task DeleteAsync(HttpContext context)
    {
        if (await RefuseMalformedIdAsync(context))
        {
            return;
        }

        var outcome = resource.Store.Delete(
            Id(context), current => Preconditions.Evaluate(context.Request, ValidatorsOf(current), IgnoreIfMatch) == PreconditionOutcome.Proceed);
        switch (outcome)
        {
            case WriteOutcome.NotFound:
                await NotFoundAsync(context);
                break;
            case WriteOutcome.PreconditionFailed:
                await PreconditionFailedAsync(context);
                break;
            default:
                NoContent(context, defect);
                break;
        }
    }

    private static string Id(HttpContext context) => (string)context.GetRouteValue("id")!;

    private Validators ValidatorsOf(Representation stored) => RestVariantRules.Visible(variant, new Validators(stored.ETag, stored.LastModified));

    private Validators CollectionValidators(EntityTagHeaderValue tag) => RestVariantRules.Visible(variant, new Validators(tag, LastModified: null));

    /// <summary>400 for an id the variant's id syntax rules out (RFC 9110 §15.5.1: "malformed request syntax").</summary>
    private async Task<bool> RefuseMalformedIdAsync(HttpContext context)
    {
        if (RestVariantRules.IsWellFormedId(variant, Id(context)))
        {
            return false;
        }

        await Problem.WriteAsync(context.Response, StatusCodes.Status400BadRequest, $"The id {Id(context)} is not a UUID.");
        return true;
    }

    private static Task NotFoundAsync(HttpContext context) =>
        Problem.WriteAsync(context.Response, StatusCodes.Status404NotFound, $"There is no {context.Request.Path}.");

    private static Task PreconditionFailedAsync(HttpContext context) =>
        Problem.WriteAsync(context.Response, StatusCodes.Status412PreconditionFailed, "A precondition is false for the current state of the resource; nothing was changed.");

    /// <summary>§15.5.7: a 406 "SHOULD generate content containing a list of available representation characteristics".</summary>
    private static async Task<bool> RefuseUnacceptableAsync(HttpContext context)
    {
        context.Response.Headers.Vary = HeaderNames.Accept;
        if (Negotiation.AcceptsJson(context.Request))
        {
            return false;
        }

        await Problem.WriteAsync(
            context.Response,
            StatusCodes.Status406NotAcceptable,
            $"The only representation is {Negotiation.Json}.",
            json =>
            {
                json.WriteStartArray("available");
                json.WriteStringValue(Negotiation.Json);
                json.WriteEndArray();
            });
        return true;
    }

    /// <summary>A GET or HEAD of <paramref name="json"/>, after its preconditions (§13.2.2).</summary>
    private async Task ReadAsync(HttpContext context, byte[] json, Validators validators)
    {
        var response = context.Response;
        response.Headers.CacheControl = CacheControl;
        switch (Preconditions.Evaluate(context.Request, validators, IgnoreIfMatch))
        {
            case PreconditionOutcome.Failed:
                await PreconditionFailedAsync(context);
                return;
            case PreconditionOutcome.NotModified:
                await NotModifiedAsync(context, json, validators.ETag);
                return;
        }

        SetValidators(response, validators);
        await SendJsonAsync(context, StatusCodes.Status200OK, json);
    }

    /// <summary>
    /// §15.4.5: "The server generating a 304 response MUST generate any of the following header fields that would
    /// have been sent in a 200 (OK) response to the same request: Content-Location, Date, ETag, and Vary;
    /// Cache-Control and Expires". Date is Kestrel's; Vary and Cache-Control are set already. Last-Modified is
    /// left out: the tag does the validating, and other representation metadata "SHOULD NOT" be generated.
    /// </summary>
    private async Task NotModifiedAsync(HttpContext context, byte[] json, EntityTagHeaderValue? tag)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status304NotModified;
        response.GetTypedHeaders().ETag = tag;
        if (defect == Defect.RestNotModifiedWithBody)
        {
            // Kestrel keeps a Content-Length on a 304 (§8.6 allows the 200's length) but never sends content.
            response.ContentLength = json.Length;
            await BelowHttp.SendContentAfterHeadAsync(context, json);
        }
    }

    /// <summary>
    /// ETag, and Last-Modified with a Date from the same clock: Kestrel's own Date is refreshed once a second by
    /// its heartbeat and can lag up to a second behind, which would put a fresh Last-Modified after it
    /// (§8.8.2.1: "An origin server with a clock ... MUST NOT generate a Last-Modified date that is later than
    /// the server's time of message origination (Date)").
    /// </summary>
    private void SetValidators(HttpResponse response, Validators validators)
    {
        var headers = response.GetTypedHeaders();
        headers.ETag = validators.ETag;
        if (validators.LastModified is { } lastModified)
        {
            headers.LastModified = lastModified;
            headers.Date = clock.GetUtcNow();
        }
    }

    private void SetValidators(HttpResponse response, Representation stored) => SetValidators(response, ValidatorsOf(stored));

    /// <summary>
    /// Sends <paramref name="json"/> with its length. For HEAD, Kestrel sends the head alone, Content-Length
    /// included, as §9.3.2 and §8.6 want; the defect sends the content after it anyway.
    /// </summary>
    private async Task SendJsonAsync(HttpContext context, int status, byte[] json)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = defect == Defect.RestJsonMislabelled ? "text/plain; charset=utf-8" : Negotiation.Json;
        response.ContentLength = json.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(json, context.RequestAborted);
        }
        else if (defect == Defect.RestHeadWithBody)
        {
            await BelowHttp.SendContentAfterHeadAsync(context, json);
        }
    }

    /// <summary>
    /// The item in a POST or PUT and the content it came in, or null once an error is sent: 415 for content that is not JSON (§15.5.16, with
    /// Accept listing what is, as §12.5.1 allows in a response), 413 above <see cref="MaxBodyBytes"/>, 400 for
    /// content that is not well-formed JSON (§15.5.1), 422 for JSON that is not an item (§15.5.21).
    /// </summary>
    private async Task<(ItemDraft Item, byte[] Content)?> ReadItemAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!Negotiation.IsJsonContent(request) && defect != Defect.RestAcceptsAnyContentType)
        {
            response.Headers.Accept = Negotiation.Json;
            if (HttpMethods.IsPost(request.Method))
            {
                response.Headers["Accept-Post"] = Negotiation.Json;
            }

            var declared = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type {request.ContentType}";
            await Problem.WriteAsync(response, StatusCodes.Status415UnsupportedMediaType, $"Items are sent as {Negotiation.Json}, not with {declared}.");
            return null;
        }

        if (await ReadContentAsync(request) is not { } content)
        {
            await Problem.WriteAsync(response, StatusCodes.Status413RequestEntityTooLarge, $"The content is larger than {MaxBodyBytes} bytes.");
            return null;
        }

        if (Parse(content, out var malformed) is not { } document)
        {
            var status = defect == Defect.RestServerErrorOnMalformedJson ? StatusCodes.Status500InternalServerError : StatusCodes.Status400BadRequest;
            await Problem.WriteAsync(response, status, $"The content is not well-formed JSON: {malformed}");
            return null;
        }

        using (document)
        {
            if (ItemSchema.Read(document.RootElement, out var problem) is { } item)
            {
                return (item, content);
            }

            await Problem.WriteAsync(response, RestVariantRules.WrongShapeStatus(variant), problem);
            return null;
        }
    }

    /// <summary>
    /// The JSON document in <paramref name="content"/>, or null with the reason. RFC 8259 §8.1: "JSON text exchanged
    /// between systems that are not part of a closed ecosystem MUST be encoded using UTF-8"; the parser checks the
    /// syntax but not the bytes inside strings, so those are checked first.
    /// </summary>
    private static JsonDocument? Parse(byte[] content, out string reason)
    {
        reason = "";
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            reason = "it is not valid UTF-8.";
            return null;
        }

        try
        {
            return JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            reason = e.Message;
            return null;
        }
    }

    /// <summary>The whole content, chunked or not; null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadContentAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var read = await request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, request.HttpContext.RequestAborted);
        return read > MaxBodyBytes ? null : buffer[..read];
    }
}
