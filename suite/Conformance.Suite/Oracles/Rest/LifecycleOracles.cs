using Conformance.Suite.Rest;

namespace Conformance.Suite.Oracles.Rest;

/// <summary>The judgements of rest.lifecycle.* (RFC 9110 §9.2.2, §9.3, §15.3.2, §15.5.5); each case's clause is in cases/rest-lifecycle.yaml.</summary>
internal static class LifecycleOracles
{
    /// <summary>§9.3.3: a POST that creates a resource answers 201 (Created).</summary>
    public static RestOracle<Posted> PostCreated { get; } = new("201 Created for a POST that creates a resource", (post, j) =>
    {
        if (post.Response.Status != 201)
        {
            j.Violation($"POST with a valid body answered {post.Response.Status}, not 201");
        }
    });

    /// <summary>§15.3.2: the 201 names the created resource by Location.</summary>
    public static RestOracle<Posted> LocationOn201 { get; } = new("a 201 carries Location naming the created resource", (post, j) =>
    {
        if (Created(post.Response, j) && post.Response.Header("Location") is null)
        {
            j.Violation("the 201 has no Location header");
        }
    });

    /// <summary>§15.3.2: the Location of a 201, resolved against the request URL, is the created resource.</summary>
    public static RestOracle<LocationFollowed> LocationResolves { get; } = new("GET of the 201's Location (resolved against the request URL) answers 200", (seen, j) =>
    {
        if (!Created(seen.Post, j))
        {
            return;
        }

        if (seen.Get is not { } get)
        {
            j.Unimplemented("the 201 has no usable Location (see rest.lifecycle.location-on-201)");
        }
        else if (get.Status != 200)
        {
            j.Violation($"the created resource's Location answered {get.Status}, not 200");
        }
    });

    /// <summary>§15.5.5: 404 (or §15.5.11's 410) for an id that does not exist.</summary>
    public static RestOracle<RestResponse> MissingId { get; } = new("404 Not Found (or 410 Gone) for an id that does not exist", (get, j) =>
    {
        if (get.Status is not (404 or 410))
        {
            j.Violation($"a missing id answered {get.Status}");
        }
    });

    /// <summary>§9.3.4: a PUT that replaces a resource answers 200 or 204.</summary>
    public static RestOracle<RestResponse> PutReplace { get; } = new("200 OK or 204 No Content for a PUT that replaces an existing resource", (put, j) =>
    {
        if (put.Status is not (200 or 204))
        {
            j.Violation($"replacing an existing resource answered {put.Status}");
        }
    });

    /// <summary>§9.3.4: a PUT that creates the resource answers 201.</summary>
    public static RestOracle<RestResponse> PutUpsert { get; } = new("201 Created for a PUT that creates the resource at a new id", (put, j) =>
    {
        // §9.3.4's 201 binds a PUT that "successfully creates" one: an API may refuse to create by PUT.
        if (put.Status is >= 400 and < 500)
        {
            j.Unimplemented($"a PUT to a new id was refused with {put.Status}: the API does not create by PUT, so there is no creation to judge");
        }
        else if (put.Status != 201)
        {
            j.Violation($"a PUT that creates answered {put.Status}, not 201");
        }
    });

    /// <summary>§9.3.5: a DELETE that succeeds answers 200, 202 or 204.</summary>
    public static RestOracle<RestResponse> Delete { get; } = new("200, 202 or 204 for a DELETE that succeeds", (delete, j) =>
    {
        if (delete.Status is not (200 or 202 or 204))
        {
            j.Violation($"deleting an existing resource answered {delete.Status}");
        }
    });

    /// <summary>§9.3.5: after a successful DELETE the resource is gone.</summary>
    public static RestOracle<DeleteThenGet> GetAfterDelete { get; } = new("404 or 410 for a GET after a successful DELETE", (seen, j) =>
    {
        if (seen.Get is not { } get)
        {
            j.Unimplemented($"DELETE answered {seen.Delete.Status}, so nothing was deleted");
        }
        else if (get.Status is not (404 or 410))
        {
            j.Violation($"the deleted resource still answered {get.Status}");
        }
    });

    /// <summary>§9.2.2: DELETE is idempotent; a repeated one changes nothing more and is never a server error.</summary>
    public static RestOracle<RestResponse> DeleteTwice { get; } = new("a repeated DELETE changes nothing more: 404, 410 or a success, never a server error", (second, j) =>
    {
        if (second.Status >= 500)
        {
            j.Violation($"the second DELETE answered {second.Status}");
        }
    });

    /// <summary>§9.2.2: PUT is idempotent; two identical ones leave the resource as one does.</summary>
    public static RestOracle<TwoReads> PutIdempotent { get; } = new("two identical PUTs leave the resource as one does", (reads, j) =>
    {
        if (!reads.Same)
        {
            j.Violation("the resource read differently after a second identical PUT");
        }
    });

    /// <summary>§9.3.4: a validator in a PUT's answer is one of the stored representation.</summary>
    public static RestOracle<StoredTag> PutEtag { get; } = new("an ETag on a PUT answer is the one a GET then returns (validators only for the stored representation)", (seen, j) =>
    {
        if (seen.PutTag is { } tag && seen.GetTag != tag)
        {
            j.Violation("the PUT answer's ETag is not the stored representation's");
        }
    });

    // A 201 is what the Location cases check; any other answer leaves nothing to check.
    private static bool Created(RestResponse post, Judgement j)
    {
        if (post.Status == 201)
        {
            return true;
        }

        j.Unimplemented($"POST answered {post.Status}, not 201, so there is no 201 to check");
        return false;
    }
}
