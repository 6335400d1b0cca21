using System.Text.Json;

namespace Conformance.Suite.Rest;

/// <summary>The path of an item, and the GET whose ETag (if any) the conditional request uses.</summary>
internal sealed record TaggedItem(string Path, RestResponse Get)
{
    /// <summary>The item's ETag; null when the GET carried none.</summary>
    public string? Tag => Get.Header("ETag");
}

/// <summary>A conditional request on <paramref name="Item"/> and its answer; no answer when the item had no ETag to send.</summary>
internal sealed record Conditional<T>(TaggedItem Item, T? Answer) where T : class;

/// <summary>A conditional PUT's answer, and the GET after it.</summary>
internal sealed record PutAndRead(RestResponse Put, RestResponse After);

/// <summary>The same request's answer without its preconditions, and with them.</summary>
internal sealed record WithAndWithout(RestResponse Without, RestResponse With);

/// <summary>
/// A PUT with an If-Match to an id that does not exist: the GET before it, the PUT, the GET after it, and whether the
/// profile declares that a PUT creates (which decides what the PUT without its precondition would have answered).
/// </summary>
internal sealed record PutOnMissing(RestResponse Before, RestResponse Put, RestResponse After, bool Upsert);

// The exchanges of rest.conditional.*: they send and record; Oracles/Rest/ConditionalOracles.cs judges.
public static partial class RestProbes
{
    // Reads the item's ETag, then sends the conditional request only when there is one to send.
    private static async Task<Conditional<T>> WhenTaggedAsync<T>(RestContext c, bool create, Func<TaggedItem, string, Task<T>> send) where T : class
    {
        var path = create ? (await ItemToChangeAsync(c, "PUT")).Path : (await ItemToReadAsync(c)).Path;
        var item = new TaggedItem(path, await c.SendAsync("GET", path));
        return item.Tag is { } tag ? new(item, await send(item, tag)) : new(item, null);
    }

    private static Task<Conditional<RestResponse>> IfNoneMatchAsync(RestContext c, Func<string, string> condition) =>
        WhenTaggedAsync(c, create: false, async (item, tag) =>
        {
            var value = condition(tag);
            var get = await c.SendAsync("GET", item.Path, headers: [("If-None-Match", value)]);
            c.Observe($"GET with If-None-Match: {value} answered {get.Describe()}");
            return get;
        });

    private static Task<Conditional<RawHttpResponse>> NotModifiedAsync(RestContext c) =>
        WhenTaggedAsync(c, create: false, async (item, tag) =>
        {
            var raw = await c.Http.SendRawAsync(c.Http.RawRequest("GET", item.Path, [$"If-None-Match: {tag}"]), c.CancellationToken);
            c.Observe($"conditional GET answered {raw.Status} with {raw.BodyBytes} bytes after the head");
            return raw;
        });

    private static Task<Conditional<PutAndRead>> IfMatchAsync(RestContext c, Func<string, string> condition) =>
        WhenTaggedAsync(c, create: true, async (item, tag) =>
        {
            var value = condition(tag);
            var put = await c.SendAsync("PUT", item.Path, ChangedSample(c.Writable!), c.Writable!.MediaType, headers: [("If-Match", value)]);
            var after = await c.SendAsync("GET", item.Path);
            c.Observe($"PUT with If-Match: {value} answered {put.Describe()}; ETag before {tag}, after {after.Header("ETag") ?? "(none)"}");
            return new PutAndRead(put, after);
        });

    private static Task<Conditional<PutAndRead>> IfNoneMatchStarPutAsync(RestContext c) =>
        WhenTaggedAsync(c, create: true, async (item, _) =>
        {
            var put = await c.SendAsync("PUT", item.Path, ChangedSample(c.Writable!), c.Writable!.MediaType, headers: [("If-None-Match", "*")]);
            var after = await c.SendAsync("GET", item.Path);
            c.Observe($"PUT with If-None-Match: * answered {put.Describe()}");
            return new PutAndRead(put, after);
        });

    // The same GET without and with the precondition: §13.2.1 compares the two answers.
    private static async Task<WithAndWithout> PreconditionOnMissingAsync(RestContext c)
    {
        var resource = c.Profile.Resources[0];
        var path = resource.ItemPath(MissingId(resource));
        var plain = await c.SendAsync("GET", path);
        c.Observe($"GET {path} answered {plain.Describe()}");
        var conditional = await c.SendAsync("GET", path, headers: [("If-Match", "\"conformance-any-tag\"")]);
        c.Observe($"with If-Match it answered {conditional.Describe()}");
        return new(plain, conditional);
    }

    // The unconditional answer is derived from the GET and the profile, never by sending the unsafe PUT twice.
    private static async Task<PutOnMissing> PreconditionOnMissingPutAsync(RestContext c)
    {
        var resource = c.Writable!;
        if (!resource.ItemMethods.Contains("PUT"))
        {
            throw new NothingToProbeException($"resource '{resource.Name}' does not declare PUT on its items");
        }

        var id = MissingId(resource);
        var path = resource.ItemPath(id);
        var before = await c.SendAsync("GET", path);
        c.Observe($"GET {path} answered {before.Describe()}");
        var put = await c.SendAsync("PUT", path, resource.Sample, resource.MediaType, headers: [("If-Match", "\"conformance-any-tag\"")]);
        c.Observe($"PUT with If-Match answered {put.Describe()}");
        var after = await c.SendAsync("GET", path);
        c.Observe($"then GET answered {after.Describe()}");
        // An item the PUT created anyway is deleted with the others.
        _ = c.Track(resource, put, id) ?? c.Track(resource, after, id);
        return new(before, put, after, c.Profile.Features.Upsert);
    }

    // The sample with one string member changed, so a PUT that was performed shows in the stored representation.
    private static string ChangedSample(RestResource resource)
    {
        using var document = JsonDocument.Parse(resource.Sample!);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return resource.Sample!;
        }

        var changed = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        var text = changed.FirstOrDefault(p => p.Value is JsonElement { ValueKind: JsonValueKind.String });
        if (text.Key is not null)
        {
            changed[text.Key] = "changed by conformance";
        }

        return JsonSerializer.Serialize(changed);
    }
}
