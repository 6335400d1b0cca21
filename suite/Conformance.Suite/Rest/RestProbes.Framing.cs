namespace Conformance.Suite.Rest;

// The exchanges of rest.framing.*: raw requests with one framing fault each; Oracles/Rest/FramingOracles.cs judges.
public static partial class RestProbes
{
    private static async Task<RawHttpResponse> HostFaultAsync(RestContext c, int hosts)
    {
        var path = c.Profile.Resources[0].Collection;
        var url = c.Http.Url(path);
        var extra = hosts == 2 ? new[] { $"Host: {url.Authority}", "Host: conformance.invalid" } : [];
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("GET", path, extra, host: false), c.CancellationToken);
        c.Observe($"answered {raw.Status}");
        return raw;
    }

    private static async Task<RawHttpResponse> InvalidContentLengthAsync(RestContext c)
    {
        var path = c.Profile.Resources[0].Collection;
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("GET", path, ["Content-Length: 12abc"]), c.CancellationToken);
        c.Observe($"answered {raw.Status}");
        return raw;
    }

    private static async Task<RawHttpResponse> HugeTargetAsync(RestContext c)
    {
        var path = c.Profile.Resources[0].Collection + "?conformance=" + new string('a', 64 * 1024);
        var raw = await c.Http.SendRawAsync(c.Http.RawRequest("GET", path), c.CancellationToken);
        c.Observe($"a 64 KiB request-target answered {raw.Status}");
        return raw;
    }
}
