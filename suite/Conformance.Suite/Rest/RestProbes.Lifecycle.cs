namespace Conformance.Suite.Rest;

/// <summary>A POST of the sample body, and the item it created (null when no id could be found).</summary>
internal sealed record Posted(RestResponse Response, CreatedItem? Item);

/// <summary>A POST, and the GET of its Location when it was a 201 whose Location resolves.</summary>
internal sealed record LocationFollowed(RestResponse Post, RestResponse? Get);

/// <summary>A DELETE, and the GET after it when the DELETE succeeded.</summary>
internal sealed record DeleteThenGet(RestResponse Delete, RestResponse? Get);

/// <summary>The ETag a PUT answered (null when it sent none), and the one a GET then answered.</summary>
internal sealed record StoredTag(string? PutTag, string? GetTag);

// The exchanges of rest.lifecycle.*: they send and record; Oracles/Rest/LifecycleOracles.cs judges.
public static partial class RestProbes
{
    private static async Task<Posted> PostSampleAsync(RestContext c)
    {
        var resource = c.Writable!;
        var response = await c.SendAsync("POST", resource.Collection, resource.Sample, resource.MediaType);
        c.Observe($"POST {resource.Collection} with the sample body answered {response.Describe()}{(response.Header("Location") is { } l ? $", Location: {l}" : "")}");
        return new(response, c.Track(resource, response));
    }

    // Only a 201's Location names the created resource, so only that one is followed.
    private static async Task<LocationFollowed> FollowLocationAsync(RestContext c)
    {
        var post = await PostSampleAsync(c);
        if (post.Response.Status != 201 || post.Response.Header("Location") is not { } location || !Uri.TryCreate(c.Http.Url(c.Writable!.Collection), location, out var resolved))
        {
            return new(post.Response, null);
        }

        var get = await c.SendAsync("GET", resolved.ToString());
        c.Observe($"GET {resolved} answered {get.Describe()}");
        return new(post.Response, get);
    }

    private static async Task<RestResponse> PutReplaceAsync(RestContext c)
    {
        var item = await ItemToChangeAsync(c, "PUT");
        var put = await c.SendAsync("PUT", item.Path, item.Resource.Sample, item.Resource.MediaType);
        c.Observe($"PUT {item.Path} answered {put.Describe()}");
        return put;
    }

    private static async Task<RestResponse> PutUpsertAsync(RestContext c)
    {
        var resource = c.Writable!;
        var id = MissingId(resource);
        var put = await c.SendAsync("PUT", resource.ItemPath(id), resource.Sample, resource.MediaType);
        c.Track(resource, put, id);
        c.Observe($"PUT {resource.ItemPath(id)} answered {put.Describe()}");
        return put;
    }

    private static async Task<RestResponse> DeleteAsync(RestContext c)
    {
        var item = await ItemToChangeAsync(c, "DELETE");
        var delete = await c.DeleteAsync(item);
        c.Observe($"DELETE {item.Path} answered {delete.Describe()}");
        return delete;
    }

    // Only a DELETE that succeeded deleted something to look for.
    private static async Task<DeleteThenGet> GetAfterDeleteAsync(RestContext c)
    {
        var item = await ItemToChangeAsync(c, "DELETE");
        var delete = await c.DeleteAsync(item);
        if (delete.Status is < 200 or > 299)
        {
            return new(delete, null);
        }

        var get = await c.SendAsync("GET", item.Path);
        c.Observe($"DELETE answered {delete.Status}, then GET {get.Describe()}");
        return new(delete, get);
    }

    private static async Task<RestResponse> DeleteTwiceAsync(RestContext c)
    {
        var item = await ItemToChangeAsync(c, "DELETE");
        var first = await c.DeleteAsync(item);
        var second = await c.SendAsync("DELETE", item.Path);
        c.Observe($"DELETE answered {first.Status}, then {second.Status}");
        return second;
    }

    private static async Task<TwoReads> PutTwiceAsync(RestContext c)
    {
        var item = await ItemToChangeAsync(c, "PUT");
        await c.SendAsync("PUT", item.Path, item.Resource.Sample, item.Resource.MediaType);
        var once = await c.SendAsync("GET", item.Path);
        await c.SendAsync("PUT", item.Path, item.Resource.Sample, item.Resource.MediaType);
        var twice = await c.SendAsync("GET", item.Path);
        c.Observe($"GET after one PUT: {once.Describe()}; after two: {twice.Describe()}");
        return new(once, twice);
    }

    private static async Task<StoredTag> PutThenGetTagAsync(RestContext c)
    {
        var item = await ItemToChangeAsync(c, "PUT");
        var put = await c.SendAsync("PUT", item.Path, item.Resource.Sample, item.Resource.MediaType);
        if (put.Header("ETag") is not { } tag)
        {
            c.Observe($"PUT answered {put.Describe()} without an ETag");
            return new(null, null);
        }

        var get = await c.SendAsync("GET", item.Path);
        c.Observe($"PUT answered ETag {tag}; GET answered ETag {get.Header("ETag") ?? "(none)"}");
        return new(tag, get.Header("ETag"));
    }
}
