namespace Conformance.Suite.Rest;

/// <summary>The same request with the credentials' scheme name as given and in lower case.</summary>
internal sealed record SchemeAnswers(RestResponse Canonical, RestResponse Lowered);

// The exchanges of rest.auth.*: they send and record; Oracles/Rest/AuthOracles.cs judges.
public static partial class RestProbes
{
    private static async Task<RestResponse> ChallengeAsync(RestContext c)
    {
        var path = c.Profile.Resources[0].Collection;
        var get = await c.SendAsync("GET", path, credentials: RestCredential.Anonymous);
        c.Observe($"GET {path} without credentials answered {get.Describe()}, WWW-Authenticate: {get.Joined("WWW-Authenticate") ?? "(none)"}");
        return get;
    }

    private static async Task<RestResponse> WithCredentialsAsync(RestContext c, RestCredential credential, string what)
    {
        var path = c.Profile.Resources[0].Collection;
        var get = await c.SendAsync("GET", path, credentials: credential);
        c.Observe($"GET {path} with {what} answered {get.Describe()}");
        return get;
    }

    private static async Task<RestResponse> UnauthenticatedAsync(RestContext c, RestCredential credential)
    {
        var path = c.Profile.Resources[0].Collection;
        var get = await c.SendAsync("GET", path, credentials: credential);
        c.Observe($"GET {path} answered {get.Describe()}, WWW-Authenticate: {get.Joined("WWW-Authenticate") ?? "(none)"}");
        return get;
    }

    private static async Task<SchemeAnswers> SchemeCaseAsync(RestContext c)
    {
        var credential = c.Http.Options.Credential.Headers.FirstOrDefault(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
        if (credential.Value is not { } value || value.IndexOf(' ', StringComparison.Ordinal) is var space && space < 0)
        {
            throw new NothingToProbeException("the profile's credentials do not use the Authorization header");
        }

        var lower = new RestCredential([("Authorization", value[..space].ToLowerInvariant() + value[space..])]);
        var path = c.Profile.Resources[0].Collection;
        var canonical = await c.SendAsync("GET", path);
        var lowered = await c.SendAsync("GET", path, credentials: lower);
        c.Observe($"GET {path} with the scheme as given answered {canonical.Status}, in lower case {lowered.Status}");
        return new(canonical, lowered);
    }

    private static async Task<RestResponse> ReadOnlyPostAsync(RestContext c)
    {
        var resource = c.Writable!;
        var post = await c.SendAsync("POST", resource.Collection, resource.Sample, resource.MediaType, credentials: c.Http.Options.ReadOnlyCredential);
        c.Track(resource, post);
        c.Observe($"POST {resource.Collection} with the read-only token answered {post.Describe()}, WWW-Authenticate: {post.Joined("WWW-Authenticate") ?? "(none)"}");
        return post;
    }
}
