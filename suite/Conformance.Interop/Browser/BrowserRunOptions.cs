using Conformance.Suite.Execution;

namespace Conformance.Interop.Browser;

/// <summary>The browser part of a run: the target, the browser, and what the page sends.</summary>
public sealed record BrowserRunOptions
{
    /// <summary>The ws:// or wss:// endpoint the page connects to, with the run's other WebSocket options.</summary>
    public required RunOptions WebSocket { get; init; }
    /// <summary>Which browser.</summary>
    public BrowserOptions Browser { get; init; } = new();
    /// <summary>--origin: the origin the harness page is loaded from (so the browser sends it); null serves it from 127.0.0.1.</summary>
    public string? Origin { get; init; }

    /// <summary>
    /// The origin as scheme://host[:port], or null with <paramref name="problem"/> saying why it cannot be a page's origin
    /// for <paramref name="target"/> (a browser blocks ws:// from an https:// page unless the target is local).
    /// </summary>
    public static string? NormalizeOrigin(string origin, Uri target, out string? problem)
    {
        problem = null;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            problem = $"--origin {origin} is not an origin like https://app.example.com (scheme, host and optional port only)";
            return null;
        }

        if (uri.Scheme == "https" && target.Scheme == "ws" && !target.IsLoopback)
        {
            problem = $"a browser does not let an https:// page ({origin}) open ws:// to {target.Host} (mixed content); use a wss:// target or an http:// origin";
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }
}
