namespace Conformance.Suite.Rest;

/// <summary>A GET without Accept, and the same GET with an Accept nothing satisfies.</summary>
internal sealed record AcceptAnswers(RestResponse Plain, RestResponse Refused);

// The exchanges of rest.negotiation.*: they send and record; Oracles/Rest/NegotiationOracles.cs judges.
public static partial class RestProbes
{
    private const string UnsatisfiableType = "application/x-conformance-nothing";

    private static async Task<RestResponse> UnsatisfiableAcceptAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        var get = await c.SendAsync("GET", item.Path, headers: [("Accept", UnsatisfiableType)]);
        c.Observe($"GET with Accept: {UnsatisfiableType} answered {get.Describe()}");
        return get;
    }

    private static async Task<AcceptAnswers> VaryAcceptAsync(RestContext c)
    {
        var item = await ItemToReadAsync(c);
        var plain = await c.SendAsync("GET", item.Path);
        var refused = await c.SendAsync("GET", item.Path, headers: [("Accept", UnsatisfiableType)]);
        c.Observe($"GET answered {plain.Status} (Vary: {plain.Joined("Vary") ?? "(none)"}); with an unsatisfiable Accept {refused.Status}");
        return new(plain, refused);
    }

    private static Task<SentBody> UnsupportedMediaTypeAsync(RestContext c) =>
        PostToRefuseAsync(c, c.Writable!, "name=conformance", "text/plain", "a text/plain body");
}
