using Conformance.Suite.Oracles;

namespace Conformance.Suite.Rest;

public static partial class RestProbes
{
    // A method the profile declares not allowed, on the collection if it has one, else on an existing item.
    private static async Task<(string Method, string Path, IReadOnlyList<string> Declared)?> DisallowedAsync(RestContext c)
    {
        foreach (var resource in c.Profile.Resources)
        {
            if (UnsafeMethods.FirstOrDefault(m => !resource.CollectionMethods.Contains(m)) is { } onCollection)
            {
                return (onCollection, resource.Collection, resource.CollectionMethods);
            }
        }

        if (await c.ExistingItemAsync(mayCreate: true) is { } item && UnsafeMethods.FirstOrDefault(m => !item.Resource.ItemMethods.Contains(m)) is { } onItem)
        {
            return (onItem, item.Path, item.Resource.ItemMethods);
        }

        return null;
    }

    private static async Task<(string Method, RestResponse Response, IReadOnlyList<string> Declared)?> SendDisallowedAsync(RestContext c)
    {
        if (await DisallowedAsync(c) is not { } probe)
        {
            c.Judgement.Unimplemented("the profile allows every method on every path, so no method can be refused");
            return null;
        }

        var resource = c.Writable ?? c.Profile.Resources[0];
        var body = probe.Method is "PUT" or "PATCH" or "POST" ? resource.Sample ?? "{}" : null;
        var response = await c.SendAsync(probe.Method, probe.Path, body, body is null ? null : resource.MediaType);
        c.Judgement.Observe($"{probe.Method} {probe.Path} (declared: {string.Join(", ", probe.Declared)}) answered {response.Describe()}");
        if (response.Status is >= 200 and < 300)
        {
            c.Track(resource, response);
        }

        return (probe.Method, response, probe.Declared);
    }

    private static async Task MethodNotAllowedAsync(RestContext c)
    {
        c.Judgement.Expected = "405 Method Not Allowed for a method the resource does not allow";
        if (await SendDisallowedAsync(c) is { } sent && sent.Response.Status != 405)
        {
            c.Judgement.Violation($"{sent.Method} on a path that does not allow it answered {sent.Response.Status}, not 405");
        }
    }

    private static async Task AllowOn405Async(RestContext c)
    {
        c.Judgement.Expected = "a 405 carries Allow listing the methods the resource allows, without the refused one";
        if (await SendDisallowedAsync(c) is not { } sent)
        {
            return;
        }

        if (sent.Response.Status != 405)
        {
            c.Judgement.Unimplemented($"the target answered {sent.Response.Status}, not 405, so there is no 405 to check");
            return;
        }

        var allow = sent.Response.Joined("Allow");
        var methods = HttpSyntax.ParseAllow(allow);
        if (allow is null)
        {
            c.Judgement.Violation("the 405 has no Allow header");
        }
        else if (methods is null)
        {
            c.Judgement.Violation($"Allow '{allow}' is not a list of method tokens");
        }
        else if (methods.Contains(sent.Method, StringComparer.Ordinal))
        {
            c.Judgement.Violation($"Allow '{allow}' lists {sent.Method}, the method it refused");
        }
        else if (sent.Declared.Except(methods).Any())
        {
            c.Judgement.Annotate($"Allow '{allow}' omits {string.Join(", ", sent.Declared.Except(methods))}, which the profile declares");
        }
    }

    private static async Task UnknownMethodAsync(RestContext c)
    {
        c.Judgement.Expected = "501 Not Implemented for a method the server does not recognise";
        var resource = c.Profile.Resources[0];
        var response = await c.SendAsync("CONFORMANCEPROBE", resource.Collection);
        c.Judgement.Observe($"CONFORMANCEPROBE {resource.Collection} answered {response.Describe()}");
        if (response.Status != 501)
        {
            c.Judgement.Violation($"an unrecognised method got {response.Status}, not 501");
        }
    }

    private static async Task<(RestResource Resource, string Path)?> ReadableItemAsync(RestContext c)
    {
        var item = await c.ExistingItemAsync(mayCreate: true);
        if (item is null)
        {
            c.Judgement.Unimplemented("no item to read: declare a writable resource or an existingId");
        }

        return item;
    }

    private static async Task HeadAllowedAsync(RestContext c)
    {
        c.Judgement.Expected = "HEAD answered wherever GET is (not 405 or 501)";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        var head = await c.SendAsync("HEAD", item.Path);
        c.Judgement.Observe($"HEAD {item.Path} answered {head.Describe()}");
        if (head.Status is 405 or 501)
        {
            c.Judgement.Violation($"HEAD on a resource that answers GET got {head.Status}");
        }
    }

    private static async Task HeadNoBodyAsync(RestContext c)
    {
        c.Judgement.Expected = "a HEAD response carries no content (no bytes after the head)";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("HEAD", item.Path), c.CancellationToken);
        c.Judgement.Observe($"HEAD {item.Path} answered {raw.Status} with {raw.BodyBytes} bytes after the head");
        if (raw.BodyBytes > 0)
        {
            c.Judgement.Violation($"the HEAD response was followed by {raw.BodyBytes} bytes of content");
        }
    }

    private static async Task HeadMatchesGetAsync(RestContext c)
    {
        c.Judgement.Expected = "HEAD answers the status and header fields GET would (Content-Length, if sent, equal to GET's content)";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        var get = await c.SendAsync("GET", item.Path);
        var head = await c.SendAsync("HEAD", item.Path);
        c.Judgement.Observe($"GET answered {get.Describe()}, HEAD {head.Describe()}");
        if (get.Status != head.Status)
        {
            c.Judgement.Violation($"HEAD answered {head.Status} where GET answered {get.Status}");
        }

        foreach (var field in new[] { "Content-Type", "ETag", "Last-Modified" })
        {
            if (get.Header(field) is { } value && head.Header(field) != value)
            {
                c.Judgement.Violation($"HEAD's {field} '{head.Header(field) ?? "(none)"}' differs from GET's '{value}'");
            }
        }

        if (head.Header("Content-Length") is { } length && length != get.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            c.Judgement.Violation(Rules.Rest.HeadContentLength, $"HEAD's Content-Length {length} is not the length of GET's content ({get.Body.Length}) (RFC 9110 §8.6: MUST NOT)");
        }
    }

    private static async Task OptionsAllowAsync(RestContext c)
    {
        c.Judgement.Expected = "a successful OPTIONS answer carries Allow with the methods the resource supports";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        var options = await c.SendAsync("OPTIONS", item.Path);
        c.Judgement.Observe($"OPTIONS {item.Path} answered {options.Describe()}{(options.Joined("Allow") is { } allow ? $", Allow: {allow}" : "")}");
        if (options.Status is < 200 or > 299)
        {
            c.Judgement.Violation($"OPTIONS answered {options.Status}, not a success");
        }
        else if (HttpSyntax.ParseAllow(options.Joined("Allow")) is not { } methods)
        {
            c.Judgement.Violation("the OPTIONS answer has no Allow header (or one that is not a method list)");
        }
        else if (item.Resource.ItemMethods.Except(methods).Any())
        {
            c.Judgement.Annotate($"Allow omits {string.Join(", ", item.Resource.ItemMethods.Except(methods))}, which the profile declares");
        }
    }

    private static async Task SafeMethodsAsync(RestContext c)
    {
        c.Judgement.Expected = "GET, HEAD and OPTIONS leave the resource as it was";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        var before = await c.SendAsync("GET", item.Path);
        await c.SendAsync("HEAD", item.Path);
        await c.SendAsync("OPTIONS", item.Path);
        await c.SendAsync("GET", item.Path);
        var after = await c.SendAsync("GET", item.Path);
        c.Judgement.Observe($"GET before: {before.Describe()}, after GET, HEAD and OPTIONS: {after.Describe()}");
        if (before.Status != after.Status || !before.Body.AsSpan().SequenceEqual(after.Body))
        {
            c.Judgement.Violation("the resource read differently after GET, HEAD and OPTIONS");
        }
    }
}
