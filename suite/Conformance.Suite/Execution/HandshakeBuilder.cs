using Conformance.Suite.Catalogue;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>Builds a case's request: the standard one of §4.1 with the run's headers, then the case's changes.</summary>
internal static class HandshakeBuilder
{
    /// <summary>Token in a case's header value replaced by the request's own key.</summary>
    public const string KeyToken = "{key}";
    /// <summary>Token replaced by another fresh, valid key.</summary>
    public const string RandomKeyToken = "{random-key}";

    public static HandshakeRequest Build(RunOptions options, HandshakeChanges? changes, string key, Random random)
    {
        var extra = new List<HttpHeader>();
        if (options.Origin is not null)
        {
            extra.Add(new HttpHeader(HandshakeRequest.Names.Origin, options.Origin));
        }

        if (options.Subprotocols.Count > 0)
        {
            extra.Add(new HttpHeader(HandshakeRequest.Names.Protocol, string.Join(", ", options.Subprotocols)));
        }

        extra.AddRange(options.Headers);
        var request = HandshakeRequest.Standard(options.Target, key, extra);
        if (changes is null)
        {
            return request;
        }

        var headers = request.Headers.Where(h => !changes.Remove.Contains(h.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        foreach (var set in changes.Set)
        {
            var value = Expand(set.Value, key, random);
            var index = headers.FindIndex(h => string.Equals(h.Name, set.Name, StringComparison.OrdinalIgnoreCase));
            headers.RemoveAll(h => string.Equals(h.Name, set.Name, StringComparison.OrdinalIgnoreCase));
            headers.Insert(index < 0 ? headers.Count : Math.Min(index, headers.Count), new HttpHeader(set.Name, value));
        }

        headers.AddRange(changes.Add.Select(a => new HttpHeader(a.Name, Expand(a.Value, key, random))));
        if (changes.NameCase is { } nameCase)
        {
            headers = headers.Select(h => h with { Name = nameCase == "lower" ? h.Name.ToLowerInvariant() : h.Name.ToUpperInvariant() }).ToList();
        }

        return request with
        {
            Method = changes.Method ?? request.Method,
            HttpVersion = changes.HttpVersion ?? request.HttpVersion,
            Headers = headers,
        };
    }

    /// <summary>
    /// The same request with every header that appears on several lines joined into one line at the first's place,
    /// values separated by ", ": "logically the same" request for a list-valued header (§11.3.4, RFC 9110 §5.3).
    /// </summary>
    public static HandshakeRequest OnOneLine(HandshakeRequest request)
    {
        var joined = request.Headers
            .GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new HttpHeader(g.First().Name, string.Join(", ", g.Select(h => h.Value))))
            .ToList();
        return request with { Headers = joined };
    }

    private static string Expand(string value, string key, Random random) =>
        value.Replace(KeyToken, key, StringComparison.Ordinal)
             .Replace(RandomKeyToken, WebSocketAccept.NewKey(random), StringComparison.Ordinal);
}
