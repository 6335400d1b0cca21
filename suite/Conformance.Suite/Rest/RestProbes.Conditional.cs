using System.Text.Json;
using Conformance.Suite.Oracles;

namespace Conformance.Suite.Rest;

public static partial class RestProbes
{
    private static async Task<(string Path, RestResponse Get, string Tag)?> TaggedItemAsync(RestContext c, bool create)
    {
        var item = create ? await CreatedItemAsync(c, "PUT") is { } made ? (made.Resource, made.Path) : ((RestResource, string)?)null : await ReadableItemAsync(c);
        if (item is not { } found)
        {
            return null;
        }

        var get = await c.SendAsync("GET", found.Item2);
        if (get.Header("ETag") is not { } tag)
        {
            c.Judgement.Violation(Rules.Rest.EtagSent, $"GET {found.Item2} answered {get.Describe()} without an ETag, though the profile declares conditional requests");
            return null;
        }

        return (found.Item2, get, tag);
    }

    private static async Task IfNoneMatchAsync(RestContext c, Func<string, string> condition)
    {
        c.Judgement.Expected = "304 Not Modified for a GET whose If-None-Match matches (weak comparison; * matches any)";
        if (await TaggedItemAsync(c, create: false) is not { } item)
        {
            return;
        }

        var value = condition(item.Tag);
        var get = await c.SendAsync("GET", item.Path, headers: [("If-None-Match", value)]);
        c.Judgement.Observe($"GET with If-None-Match: {value} answered {get.Describe()}");
        if (get.Status != 304)
        {
            c.Judgement.Violation($"a matching If-None-Match got {get.Status}, not 304");
        }
    }

    private static async Task NotModifiedAsync(RestContext c)
    {
        c.Judgement.Expected = "a 304 has no content and repeats the Date, ETag, Cache-Control, Vary and Expires a 200 would carry";
        if (await TaggedItemAsync(c, create: false) is not { } item)
        {
            return;
        }

        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("GET", item.Path, [$"If-None-Match: {item.Tag}"]), c.CancellationToken);
        c.Judgement.Observe($"conditional GET answered {raw.Status} with {raw.BodyBytes} bytes after the head");
        if (raw.Status != 304)
        {
            c.Judgement.Unimplemented($"the conditional GET answered {raw.Status}, not 304, so there is no 304 to check");
            return;
        }

        if (raw.BodyBytes > 0)
        {
            c.Judgement.Violation($"the 304 was followed by {raw.BodyBytes} bytes of content");
        }

        foreach (var field in new[] { "Date", "ETag", "Cache-Control", "Vary", "Expires", "Content-Location" })
        {
            if (item.Get.Header(field) is not null && raw.Header(field) is null)
            {
                c.Judgement.Violation($"the 200 carried {field} but the 304 does not");
            }
        }

        foreach (var field in new[] { "Content-Type", "Content-Encoding", "Content-Language" })
        {
            if (raw.Header(field) is { } value)
            {
                c.Judgement.Annotate($"the 304 carries {field}: {value} (RFC 9110 §15.4.5: SHOULD NOT)");
            }
        }
    }

    private static async Task IfMatchAsync(RestContext c, Func<string, string> condition)
    {
        c.Judgement.Expected = "412 Precondition Failed for a PUT whose If-Match does not match strongly, and the resource unchanged";
        if (await TaggedItemAsync(c, create: true) is not { } item)
        {
            return;
        }

        var value = condition(item.Tag);
        var put = await c.SendAsync("PUT", item.Path, ChangedSample(c.Writable!), c.Writable!.MediaType, headers: [("If-Match", value)]);
        var after = await c.SendAsync("GET", item.Path);
        c.Judgement.Observe($"PUT with If-Match: {value} answered {put.Describe()}; ETag before {item.Tag}, after {after.Header("ETag") ?? "(none)"}");
        if (put.Status is >= 200 and < 300 || !after.Body.AsSpan().SequenceEqual(item.Get.Body))
        {
            c.Judgement.Violation("the PUT was performed although its If-Match did not match");
        }
        else if (put.Status != 412)
        {
            c.Judgement.Violation($"answered {put.Status}, not 412");
        }
    }

    private static async Task IfNoneMatchStarPutAsync(RestContext c)
    {
        c.Judgement.Expected = "412 for a PUT with If-None-Match: * on a resource that exists, and the resource unchanged";
        if (await TaggedItemAsync(c, create: true) is not { } item)
        {
            return;
        }

        var put = await c.SendAsync("PUT", item.Path, ChangedSample(c.Writable!), c.Writable!.MediaType, headers: [("If-None-Match", "*")]);
        var after = await c.SendAsync("GET", item.Path);
        c.Judgement.Observe($"PUT with If-None-Match: * answered {put.Describe()}");
        if (put.Status is >= 200 and < 300 || !after.Body.AsSpan().SequenceEqual(item.Get.Body))
        {
            c.Judgement.Violation("the PUT was performed although the resource exists");
        }
        else if (put.Status != 412)
        {
            c.Judgement.Violation($"answered {put.Status}, not 412");
        }
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

    private static async Task ProblemDetailsAsync(RestContext c)
    {
        c.Judgement.Expected = "errors as application/problem+json whose status member equals the status code";
        var path = c.Profile.Resources[0].ItemPath(MissingId);
        var get = await c.SendAsync("GET", path);
        c.Judgement.Observe($"GET {path} answered {get.Describe()}");
        if (get.Status < 400)
        {
            c.Judgement.Unimplemented($"a missing id answered {get.Status}, not an error");
            return;
        }

        if (get.Header("Content-Type")?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) != true)
        {
            c.Judgement.Violation($"the error's Content-Type is '{get.Header("Content-Type") ?? "(none)"}', not application/problem+json");
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(get.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("status", out var status)
                || status.ValueKind != JsonValueKind.Number
                || status.GetInt32() != get.Status)
            {
                c.Judgement.Violation($"the problem's status member does not equal {get.Status}");
            }
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            c.Judgement.Violation("the problem details are not a JSON object");
        }
    }

    private static async Task ChallengeAsync(RestContext c)
    {
        c.Judgement.Expected = "a 401 carries WWW-Authenticate with at least one challenge";
        var path = c.Profile.Resources[0].Collection;
        var get = await c.SendAsync("GET", path, credentials: RestCredential.Anonymous);
        c.Judgement.Observe($"GET {path} without credentials answered {get.Describe()}, WWW-Authenticate: {get.Joined("WWW-Authenticate") ?? "(none)"}");
        if (get.Status != 401)
        {
            c.Judgement.Unimplemented($"the request without credentials answered {get.Status}, not 401");
        }
        else if (string.IsNullOrWhiteSpace(get.Joined("WWW-Authenticate")))
        {
            c.Judgement.Violation("the 401 has no WWW-Authenticate challenge");
        }
        else if (!HttpSyntax.IsChallenge(get.Joined("WWW-Authenticate")!))
        {
            c.Judgement.Violation($"WWW-Authenticate '{get.Joined("WWW-Authenticate")}' does not start with an auth-scheme token");
        }
    }

    private static async Task CredentialsAsync(RestContext c, RestCredential credential, string what)
    {
        c.Judgement.Expected = $"401 Unauthorized for a request with {what}";
        var path = c.Profile.Resources[0].Collection;
        var get = await c.SendAsync("GET", path, credentials: credential);
        c.Judgement.Observe($"GET {path} with {what} answered {get.Describe()}");
        if (get.Status != 401)
        {
            c.Judgement.Violation($"a request with {what} answered {get.Status}, not 401");
        }
    }

    private static async Task PreconditionOnMissingAsync(RestContext c)
    {
        c.Judgement.Expected = "404 for a GET of a missing id, whatever its If-Match says (preconditions are ignored when the answer would not be 2xx)";
        var path = c.Profile.Resources[0].ItemPath(MissingId);
        var get = await c.SendAsync("GET", path, headers: [("If-Match", "\"conformance-any-tag\"")]);
        c.Judgement.Observe($"GET {path} with If-Match answered {get.Describe()}");
        if (get.Status is not (404 or 410))
        {
            c.Judgement.Violation($"answered {get.Status}: the precondition was evaluated although the resource does not exist");
        }
    }

    private static async Task HostFaultAsync(RestContext c, int hosts)
    {
        c.Judgement.Expected = hosts == 0 ? "400 for an HTTP/1.1 request without Host" : "400 for a request with two Host lines";
        var path = c.Profile.Resources[0].Collection;
        var url = c.Http.Url(path);
        var extra = hosts == 2 ? new[] { $"Host: {url.Authority}", "Host: conformance.invalid" } : [];
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("GET", path, extra, host: false), c.CancellationToken);
        c.Judgement.Observe($"answered {raw.Status}");
        if (raw.Status != 400)
        {
            c.Judgement.Violation($"answered {raw.Status}, not 400");
        }
    }

    private static async Task InvalidContentLengthAsync(RestContext c)
    {
        c.Judgement.Expected = "400 for a request whose Content-Length is not a number";
        var path = c.Profile.Resources[0].Collection;
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("GET", path, ["Content-Length: 12abc"]), c.CancellationToken);
        c.Judgement.Observe($"answered {raw.Status}");
        if (raw.Status != 400)
        {
            c.Judgement.Violation($"answered {raw.Status}, not 400");
        }
    }

    private static async Task HugeTargetAsync(RestContext c)
    {
        c.Judgement.Expected = "414 URI Too Long for a request-target longer than the server parses (an answer that parsed it passes)";
        var path = c.Profile.Resources[0].Collection + "?conformance=" + new string('a', 64 * 1024);
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("GET", path), c.CancellationToken);
        c.Judgement.Observe($"a 64 KiB request-target answered {raw.Status}");
        if (raw.Status is 400 or 431)
        {
            c.Judgement.Violation(Rules.Rest.UriTooLongIs414, $"answered {raw.Status}; a request-target too long to parse gets 414");
        }
        else if (raw.Status >= 500 || raw.Status == 0)
        {
            c.Judgement.Violation($"answered {raw.Status}: neither 414 nor a parsed answer");
        }
    }

}
