namespace Conformance.Suite.Rest;

/// <summary>A method the profile refuses, sent where it refuses it, and the answer.</summary>
/// <summary>A refused method's answer, the methods the profile declares there, and the safe ones seen succeeding there.</summary>
internal sealed record RefusedMethod(string Method, RestResponse Response, IReadOnlyList<string> Declared, IReadOnlyList<string> Succeeded);

/// <summary>A GET and a HEAD of the same item.</summary>
internal sealed record GetAndHead(RestResponse Get, RestResponse Head);

/// <summary>An OPTIONS answer, and the methods the profile declares on the item.</summary>
internal sealed record OptionsAnswer(RestResponse Options, IReadOnlyList<string> Declared);

/// <summary>Two reads of the same item, with something in between that must not change it.</summary>
internal sealed record TwoReads(RestResponse Before, RestResponse After)
{
    /// <summary>Whether both reads answered the same status and the same bytes.</summary>
    public bool Same => Before.Status == After.Status && Before.Body.AsSpan().SequenceEqual(After.Body);
}

/// <summary>A declared redirect, and the GET of its Location when it named one that resolves.</summary>
internal sealed record RedirectHop(string Path, RestResponse Answer, RestResponse? Followed);

// The exchanges of rest.methods.*: they send and record; Oracles/Rest/MethodsOracles.cs judges.
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

    private static async Task<RefusedMethod> SendDisallowedAsync(RestContext c)
    {
        var probe = await DisallowedAsync(c) ?? throw new NothingToProbeException("the profile allows every method on every path, so no method can be refused");
        var resource = c.Writable ?? c.Profile.Resources[0];
        var body = probe.Method is "PUT" or "PATCH" or "POST" ? resource.Sample ?? "{}" : null;
        var response = await c.SendAsync(probe.Method, probe.Path, body, body is null ? null : resource.MediaType);
        c.Observe($"{probe.Method} {probe.Path} (declared: {string.Join(", ", probe.Declared)}) answered {response.Describe()}");
        if (response.Status is >= 200 and < 300)
        {
            c.Track(resource, response);
        }

        // A method seen succeeding on the resource is one of its "currently supported methods" (§15.5.6); GET is
        // safe to send for that evidence, unsafe methods are not sent twice.
        var succeeded = new List<string>();
        if (response.Status == 405 && probe.Declared.Contains("GET"))
        {
            var get = await c.SendAsync("GET", probe.Path, null, null);
            c.Observe($"GET {probe.Path} answered {get.Describe()}");
            if (get.Status is >= 200 and < 300)
            {
                succeeded.Add("GET");
            }
        }

        return new(probe.Method, response, probe.Declared, succeeded);
    }

    private static async Task<RestResponse> UnknownMethodAsync(RestContext c)
    {
        var resource = c.Profile.Resources[0];
        var response = await c.SendAsync("CONFORMANCEPROBE", resource.Collection);
        c.Observe($"CONFORMANCEPROBE {resource.Collection} answered {response.Describe()}");
        return response;
    }

    private static async Task<RestResponse> HeadAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        var head = await c.SendAsync("HEAD", item.Path);
        c.Observe($"HEAD {item.Path} answered {head.Describe()}");
        return head;
    }

    private static async Task<RawHttpResponse> RawHeadAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("HEAD", item.Path), c.CancellationToken);
        c.Observe($"HEAD {item.Path} answered {raw.Status} with {raw.BodyBytes} bytes after the head");
        return raw;
    }

    private static async Task<GetAndHead> GetAndHeadAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        var get = await c.SendAsync("GET", item.Path);
        var head = await c.SendAsync("HEAD", item.Path);
        c.Observe($"GET answered {get.Describe()}, HEAD {head.Describe()}");
        return new(get, head);
    }

    private static async Task<OptionsAnswer> OptionsAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        var options = await c.SendAsync("OPTIONS", item.Path);
        c.Observe($"OPTIONS {item.Path} answered {options.Describe()}{(options.Joined("Allow") is { } allow ? $", Allow: {allow}" : "")}");
        return new(options, item.Resource.ItemMethods);
    }

    private static async Task<TwoReads> SafeMethodsAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        var before = await c.SendAsync("GET", item.Path);
        await c.SendAsync("HEAD", item.Path);
        await c.SendAsync("OPTIONS", item.Path);
        await c.SendAsync("GET", item.Path);
        var after = await c.SendAsync("GET", item.Path);
        c.Observe($"GET before: {before.Describe()}, after GET, HEAD and OPTIONS: {after.Describe()}");
        return new(before, after);
    }

    // A Location is followed only from a redirect status, and only when it resolves against the request URL.
    private static async IAsyncEnumerable<RedirectHop> RedirectsAsync(RestContext c)
    {
        foreach (var path in c.Profile.Features.Redirects)
        {
            var get = await c.SendAsync("GET", path);
            c.Observe($"GET {path} answered {get.Describe()}{(get.Header("Location") is { } l ? $", Location: {l}" : "")}");
            if (!HttpSyntax.IsRedirect(get.Status) || get.Header("Location") is not { } location || !Uri.TryCreate(c.Http.Url(path), location, out var target))
            {
                yield return new(path, get, null);
                continue;
            }

            var followed = await c.SendAsync("GET", target.ToString());
            c.Observe($"GET {target} answered {followed.Status}");
            yield return new(path, get, followed);
        }
    }
}
