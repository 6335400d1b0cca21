using System.Text;
using Conformance.Suite.Results;

namespace Conformance.Suite.Rest;

public static partial class RestProbes
{
    private static async Task<(RestResource Resource, string Path)?> ReadableItemAsync(RestContext c)
    {
        var item = await c.ExistingItemAsync(mayCreate: true);
        if (item is null)
        {
            c.Judgement.Unimplemented("no item to read: declare a writable resource or an existingId");
        }

        return item;
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

    private static async Task<RestResponse> UnauthenticatedAsync(RestContext c, RestCredential credential)
    {
        var path = c.Profile.Resources[0].Collection;
        var get = await c.SendAsync("GET", path, credentials: credential);
        c.Judgement.Observe($"GET {path} answered {get.Describe()}, WWW-Authenticate: {get.Joined("WWW-Authenticate") ?? "(none)"}");
        return get;
    }

    private static async Task BasicRealmAsync(RestContext c)
    {
        c.Judgement.Expected = "a Basic challenge carries realm=\"...\" (and charset, if any, is UTF-8)";
        var get = await UnauthenticatedAsync(c, RestCredential.Anonymous);
        var basic = get.Headers.GetValueOrDefault("WWW-Authenticate")?.FirstOrDefault(v => v.StartsWith("basic", StringComparison.OrdinalIgnoreCase));
        if (get.Status != 401 || basic is null)
        {
            c.Judgement.Unimplemented($"no Basic challenge to check ({get.Status})");
            return;
        }

        if (!basic.Contains("realm=\"", StringComparison.OrdinalIgnoreCase))
        {
            c.Judgement.Violation($"the Basic challenge '{basic}' has no quoted realm");
        }

        if (basic.Contains("charset=", StringComparison.OrdinalIgnoreCase) && !basic.Contains("charset=\"UTF-8\"", StringComparison.OrdinalIgnoreCase))
        {
            c.Judgement.Violation($"the Basic challenge '{basic}' names a charset other than UTF-8");
        }
    }

    private static async Task InvalidTokenErrorAsync(RestContext c)
    {
        c.Judgement.Expected = "a 401 for a wrong bearer token carries error=\"invalid_token\"";
        var get = await UnauthenticatedAsync(c, c.Http.Options.WrongCredential);
        var bearer = get.Headers.GetValueOrDefault("WWW-Authenticate")?.FirstOrDefault(v => v.StartsWith("bearer", StringComparison.OrdinalIgnoreCase));
        if (get.Status != 401 || bearer is null)
        {
            c.Judgement.Unimplemented($"no Bearer challenge to check ({get.Status})");
        }
        else if (!bearer.Contains("error=\"invalid_token\"", StringComparison.OrdinalIgnoreCase))
        {
            c.Judgement.Violation($"the Bearer challenge '{bearer}' does not say error=\"invalid_token\"");
        }
    }

    private static async Task SchemeCaseAsync(RestContext c)
    {
        c.Judgement.Expected = "the authentication scheme name is matched case-insensitively (\"bearer\" works like \"Bearer\")";
        var credential = c.Http.Options.Credential.Headers.FirstOrDefault(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase));
        if (credential.Value is not { } value || value.IndexOf(' ', StringComparison.Ordinal) is var space && space < 0)
        {
            c.Judgement.Unimplemented("the profile's credentials do not use the Authorization header");
            return;
        }

        var lower = new RestCredential([("Authorization", value[..space].ToLowerInvariant() + value[space..])]);
        var path = c.Profile.Resources[0].Collection;
        var canonical = await c.SendAsync("GET", path);
        var lowered = await c.SendAsync("GET", path, credentials: lower);
        c.Judgement.Observe($"GET {path} with the scheme as given answered {canonical.Status}, in lower case {lowered.Status}");
        if (canonical.Status != lowered.Status)
        {
            c.Judgement.Violation($"the lower-case scheme name got {lowered.Status} where the canonical one got {canonical.Status}");
        }
    }

    private static async Task InsufficientScopeAsync(RestContext c)
    {
        c.Judgement.Expected = "403 with error=\"insufficient_scope\" for a valid token that may not write";
        var resource = c.Writable!;
        var post = await c.SendAsync("POST", resource.Collection, resource.Sample, resource.MediaType, credentials: c.Http.Options.ReadOnlyCredential);
        c.Track(resource, post);
        c.Judgement.Observe($"POST {resource.Collection} with the read-only token answered {post.Describe()}, WWW-Authenticate: {post.Joined("WWW-Authenticate") ?? "(none)"}");
        if (post.Status != 403)
        {
            c.Judgement.Violation($"a token without write access got {post.Status}, not 403");
        }
        else if (post.Joined("WWW-Authenticate")?.Contains("insufficient_scope", StringComparison.OrdinalIgnoreCase) != true)
        {
            c.Judgement.Violation("the 403 does not say error=\"insufficient_scope\"");
        }
    }




}
