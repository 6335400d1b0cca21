using System.Text;

namespace Conformance.Suite.Rest;

// The exchange of rest.limits.*: it sends and records; Oracles/Rest/LimitsOracles.cs judges.
public static partial class RestProbes
{
    private static Task<SentBody> BodyOverLimitAsync(RestContext c)
    {
        var resource = c.Writable!;
        var limit = c.Profile.Features.MaxBodyBytes!.Value;
        var padding = new StringBuilder().Append('"').Append('x', (int)Math.Min(limit + 1024, 64L * 1024 * 1024)).Append('"').ToString();
        var body = resource.Sample!.TrimEnd().TrimEnd('}') + (resource.Sample!.Trim() == "{}" ? "" : ",") + $"\"conformancePadding\":{padding}}}";
        // RFC 9110 §10.1.1: a client that waits for 100 (Continue) sends Expect: 100-continue. A server may then answer
        // 413 before the content and close, which a client still writing the whole body would see only as a broken write.
        return PostToRefuseAsync(c, resource, body, resource.MediaType, $"{Encoding.UTF8.GetByteCount(body)} bytes (limit {limit})", [("Expect", "100-continue")]);
    }
}
