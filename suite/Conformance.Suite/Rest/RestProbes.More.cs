using System.Text;
using Conformance.Suite.Results;

namespace Conformance.Suite.Rest;

public static partial class RestProbes
{
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

    private static async Task BodyTooLargeAsync(RestContext c)
    {
        c.Judgement.Expected = "413 Content Too Large for a body over the declared limit, and nothing created";
        var resource = c.Writable!;
        var limit = c.Profile.Features.MaxBodyBytes!.Value;
        var padding = new StringBuilder().Append('"').Append('x', (int)Math.Min(limit + 1024, 64L * 1024 * 1024)).Append('"').ToString();
        var body = resource.Sample!.TrimEnd().TrimEnd('}') + (resource.Sample!.Trim() == "{}" ? "" : ",") + $"\"conformancePadding\":{padding}}}";
        // RFC 9110 §10.1.1: a client that waits for 100 (Continue) sends Expect: 100-continue. A server may then answer
        // 413 before the content and close, which a client still writing the whole body would see only as a broken write.
        var post = await c.SendAsync("POST", resource.Collection, body, resource.MediaType, headers: [("Expect", "100-continue")]);
        c.Judgement.Observe($"POST {resource.Collection} with {Encoding.UTF8.GetByteCount(body)} bytes (limit {limit}) answered {post.Describe()}");
        JudgeRefusal(c, resource, post, "a body over the declared limit", 413);
    }

    private static async Task VaryAcceptAsync(RestContext c)
    {
        c.Judgement.Expected = "a response that depends on Accept says so with Vary: Accept";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        var plain = await c.SendAsync("GET", item.Path);
        var refused = await c.SendAsync("GET", item.Path, headers: [("Accept", "application/x-conformance-nothing")]);
        c.Judgement.Observe($"GET answered {plain.Status} (Vary: {plain.Joined("Vary") ?? "(none)"}); with an unsatisfiable Accept {refused.Status}");
        if (plain.Status == refused.Status)
        {
            c.Judgement.Unimplemented("the answer does not change with Accept, so it need not vary");
            return;
        }

        var vary = plain.Joined("Vary") ?? "";
        if (!vary.Split(',', StringSplitOptions.TrimEntries).Any(v => v == "*" || v.Equals("Accept", StringComparison.OrdinalIgnoreCase)))
        {
            c.Judgement.Violation($"the answer depends on Accept but Vary is '{vary}'");
        }
    }

    private static async Task ContentRangeAsync(RestContext c)
    {
        c.Judgement.Expected = "a 206 carries Content-Range for the part sent (a server may also ignore Range and answer 200)";
        if (await ReadableItemAsync(c) is not { } item)
        {
            return;
        }

        var get = await c.SendAsync("GET", item.Path, headers: [("Range", "bytes=0-3")]);
        c.Judgement.Observe($"GET {item.Path} with Range: bytes=0-3 answered {get.Describe()}{(get.Header("Content-Range") is { } range ? $", Content-Range: {range}" : "")}");
        if (get.Status == 206 && get.Header("Content-Range")?.StartsWith("bytes 0-", StringComparison.OrdinalIgnoreCase) != true)
        {
            c.Judgement.Violation($"the 206 has no Content-Range for bytes 0-3 ('{get.Header("Content-Range") ?? "(none)"}')");
        }
        else if (get.Status != 206 && c.Profile.Features.Ranges)
        {
            c.Judgement.Annotate("the profile declares ranges, but Range was ignored");
        }
    }

    private static async Task RedirectAsync(RestContext c)
    {
        c.Judgement.Expected = "a redirect (301, 302, 307, 308) carries Location, and the Location answers";
        foreach (var path in c.Profile.Features.Redirects)
        {
            var get = await c.SendAsync("GET", path);
            c.Judgement.Observe($"GET {path} answered {get.Describe()}{(get.Header("Location") is { } l ? $", Location: {l}" : "")}");
            if (get.Status is not (301 or 302 or 303 or 307 or 308))
            {
                c.Judgement.Unimplemented($"GET {path}, declared as a redirect, answered {get.Status}");
                continue;
            }

            if (get.Header("Location") is not { } location || !Uri.TryCreate(c.Http.Url(path), location, out var target))
            {
                c.Judgement.Violation($"the {get.Status} for {path} has no usable Location");
                continue;
            }

            var followed = await c.SendAsync("GET", target.ToString());
            c.Judgement.Observe($"GET {target} answered {followed.Status}");
            if (followed.Status is >= 400)
            {
                c.Judgement.Violation($"the Location of {path} answered {followed.Status}");
            }
        }
    }
}
