namespace Conformance.Suite.Wire;

/// <summary>One header line as sent or received, in order; duplicates are kept as separate entries.</summary>
public sealed record HttpHeader(string Name, string Value)
{
    /// <summary>The header as an HTTP/1.1 line without CRLF.</summary>
    public override string ToString() => $"{Name}: {Value}";
}

/// <summary>
/// The header section of a raw HTTP/1.x head, shared by the response and request parsers: header lines as read,
/// duplicates kept in order, and the lookups both make of them.
/// </summary>
public static class HeaderFields
{
    /// <summary>All values of a header, case-insensitively by name, one entry per header line.</summary>
    public static IReadOnlyList<string> Values(IReadOnlyList<HttpHeader> headers, string name) =>
        headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Trim()).ToList();

    /// <summary>The single value of a header, or null when absent; several lines are joined with ", ".</summary>
    public static string? Value(IReadOnlyList<HttpHeader> headers, string name)
    {
        var values = Values(headers, name);
        return values.Count == 0 ? null : string.Join(", ", values);
    }

    /// <summary>Comma-separated tokens of every line of a header, trimmed (e.g. Connection: keep-alive, Upgrade).</summary>
    public static IReadOnlyList<string> Tokens(IReadOnlyList<HttpHeader> headers, string name) =>
        Values(headers, name).SelectMany(v => v.Split(',')).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();

    /// <summary>The header lines after the start line, or null with <paramref name="error"/> when one has no "name:".</summary>
    public static List<HttpHeader>? Parse(IEnumerable<string> lines, out string? error)
    {
        error = null;
        var headers = new List<HttpHeader>();
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                error = "a header line has no 'name:'";
                return null;
            }

            headers.Add(new HttpHeader(line[..colon], line[(colon + 1)..].Trim()));
        }

        return headers;
    }
}
