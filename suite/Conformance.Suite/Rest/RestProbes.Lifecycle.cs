using Conformance.Suite.Results;

namespace Conformance.Suite.Rest;

public static partial class RestProbes
{
    private static string MissingId => "conformance-missing-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<(RestResource Resource, RestResponse Response, CreatedItem? Item)?> PostSampleAsync(RestContext c)
    {
        var resource = c.Writable!;
        var response = await c.SendAsync("POST", resource.Collection, resource.Sample, resource.MediaType);
        c.Judgement.Observe($"POST {resource.Collection} with the sample body answered {response.Describe()}{(response.Header("Location") is { } l ? $", Location: {l}" : "")}");
        return (resource, response, c.Track(resource, response));
    }

    private static async Task PostCreatedAsync(RestContext c)
    {
        c.Judgement.Expected = "201 Created for a POST that creates a resource";
        if (await PostSampleAsync(c) is { } post && post.Response.Status != 201)
        {
            c.Judgement.Violation($"POST with a valid body answered {post.Response.Status}, not 201");
        }
    }

    private static async Task<(RestResponse Response, CreatedItem? Item)?> Created201Async(RestContext c)
    {
        var post = await PostSampleAsync(c);
        if (post is not { } created || created.Response.Status != 201)
        {
            c.Judgement.Unimplemented($"POST answered {post?.Response.Status}, not 201, so there is no 201 to check");
            return null;
        }

        return (created.Response, created.Item);
    }

    private static async Task LocationOn201Async(RestContext c)
    {
        c.Judgement.Expected = "a 201 carries Location naming the created resource";
        if (await Created201Async(c) is { } created && created.Response.Header("Location") is null)
        {
            c.Judgement.Violation("the 201 has no Location header");
        }
    }

    private static async Task LocationResolvesAsync(RestContext c)
    {
        c.Judgement.Expected = "GET of the 201's Location (resolved against the request URL) answers 200";
        if (await Created201Async(c) is not { } created)
        {
            return;
        }

        if (created.Response.Header("Location") is not { } location || !Uri.TryCreate(c.Http.Url(c.Writable!.Collection), location, out var resolved))
        {
            c.Judgement.Unimplemented("the 201 has no usable Location (see rest.lifecycle.location-on-201)");
            return;
        }

        var get = await c.SendAsync("GET", resolved.ToString());
        c.Judgement.Observe($"GET {resolved} answered {get.Describe()}");
        if (get.Status != 200)
        {
            c.Judgement.Violation($"the created resource's Location answered {get.Status}, not 200");
        }
    }

    private static async Task MissingIdAsync(RestContext c)
    {
        c.Judgement.Expected = "404 Not Found (or 410 Gone) for an id that does not exist";
        var resource = c.Profile.Resources[0];
        var path = resource.ItemPath(MissingId);
        var get = await c.SendAsync("GET", path);
        c.Judgement.Observe($"GET {path} answered {get.Describe()}");
        if (get.Status is not (404 or 410))
        {
            c.Judgement.Violation($"a missing id answered {get.Status}");
        }
    }

    private static async Task<CreatedItem?> CreatedItemAsync(RestContext c, string needs)
    {
        var resource = c.Writable!;
        if (!resource.ItemMethods.Contains(needs))
        {
            c.Judgement.Unimplemented($"resource '{resource.Name}' does not declare {needs} on its items");
            return null;
        }

        var item = await c.CreateAsync(resource);
        if (item is null)
        {
            c.Judgement.Unimplemented("the case could not create an item to work on");
        }

        return item;
    }

    private static async Task PutReplaceAsync(RestContext c)
    {
        c.Judgement.Expected = "200 OK or 204 No Content for a PUT that replaces an existing resource";
        if (await CreatedItemAsync(c, "PUT") is not { } item)
        {
            return;
        }

        var put = await c.SendAsync("PUT", item.Path, item.Resource.Sample, item.Resource.MediaType);
        c.Judgement.Observe($"PUT {item.Path} answered {put.Describe()}");
        if (put.Status is not (200 or 204))
        {
            c.Judgement.Violation($"replacing an existing resource answered {put.Status}");
        }
    }

    private static async Task PutUpsertAsync(RestContext c)
    {
        c.Judgement.Expected = "201 Created for a PUT that creates the resource at a new id";
        var resource = c.Writable!;
        var id = MissingId;
        var put = await c.SendAsync("PUT", resource.ItemPath(id), resource.Sample, resource.MediaType);
        c.Track(resource, put, id);
        c.Judgement.Observe($"PUT {resource.ItemPath(id)} answered {put.Describe()}");
        if (put.Status != 201)
        {
            c.Judgement.Violation($"a PUT that creates answered {put.Status}, not 201");
        }
    }

    private static async Task DeleteAsync(RestContext c)
    {
        c.Judgement.Expected = "200, 202 or 204 for a DELETE that succeeds";
        if (await CreatedItemAsync(c, "DELETE") is not { } item)
        {
            return;
        }

        var delete = await c.DeleteAsync(item);
        c.Judgement.Observe($"DELETE {item.Path} answered {delete.Describe()}");
        if (delete.Status is not (200 or 202 or 204))
        {
            c.Judgement.Violation($"deleting an existing resource answered {delete.Status}");
        }
    }

    private static async Task GetAfterDeleteAsync(RestContext c)
    {
        c.Judgement.Expected = "404 or 410 for a GET after a successful DELETE";
        if (await CreatedItemAsync(c, "DELETE") is not { } item)
        {
            return;
        }

        var delete = await c.DeleteAsync(item);
        if (delete.Status is < 200 or > 299)
        {
            c.Judgement.Unimplemented($"DELETE answered {delete.Status}, so nothing was deleted");
            return;
        }

        var get = await c.SendAsync("GET", item.Path);
        c.Judgement.Observe($"DELETE answered {delete.Status}, then GET {get.Describe()}");
        if (get.Status is not (404 or 410))
        {
            c.Judgement.Violation($"the deleted resource still answered {get.Status}");
        }
    }

    private static async Task DeleteTwiceAsync(RestContext c)
    {
        c.Judgement.Expected = "a repeated DELETE changes nothing more: 404, 410 or a success, never a server error";
        if (await CreatedItemAsync(c, "DELETE") is not { } item)
        {
            return;
        }

        var first = await c.DeleteAsync(item);
        var second = await c.SendAsync("DELETE", item.Path);
        c.Judgement.Observe($"DELETE answered {first.Status}, then {second.Status}");
        if (second.Status >= 500)
        {
            c.Judgement.Violation($"the second DELETE answered {second.Status}");
        }
    }

    private static async Task PutIdempotentAsync(RestContext c)
    {
        c.Judgement.Expected = "two identical PUTs leave the resource as one does";
        if (await CreatedItemAsync(c, "PUT") is not { } item)
        {
            return;
        }

        await c.SendAsync("PUT", item.Path, item.Resource.Sample, item.Resource.MediaType);
        var once = await c.SendAsync("GET", item.Path);
        await c.SendAsync("PUT", item.Path, item.Resource.Sample, item.Resource.MediaType);
        var twice = await c.SendAsync("GET", item.Path);
        c.Judgement.Observe($"GET after one PUT: {once.Describe()}; after two: {twice.Describe()}");
        if (once.Status != twice.Status || !once.Body.AsSpan().SequenceEqual(twice.Body))
        {
            c.Judgement.Violation("the resource read differently after a second identical PUT");
        }
    }

    private static async Task PutEtagAsync(RestContext c)
    {
        c.Judgement.Expected = "an ETag on a PUT answer is the one a GET then returns (validators only for the stored representation)";
        if (await CreatedItemAsync(c, "PUT") is not { } item)
        {
            return;
        }

        var put = await c.SendAsync("PUT", item.Path, item.Resource.Sample, item.Resource.MediaType);
        if (put.Header("ETag") is not { } tag)
        {
            c.Judgement.Observe($"PUT answered {put.Describe()} without an ETag");
            return;
        }

        var get = await c.SendAsync("GET", item.Path);
        c.Judgement.Observe($"PUT answered ETag {tag}; GET answered ETag {get.Header("ETag") ?? "(none)"}");
        if (get.Header("ETag") != tag)
        {
            c.Judgement.Violation("the PUT answer's ETag is not the stored representation's");
        }
    }
}
