using System.Net;
using System.Text;
using Conformance.Suite.Transport;

namespace Conformance.Suite.Rest;

/// <summary>The headers that authenticate a request (none for an anonymous one).</summary>
public sealed record RestCredential(IReadOnlyList<(string Name, string Value)> Headers)
{
    /// <summary>No credentials.</summary>
    public static RestCredential Anonymous { get; } = new([]);

    /// <summary>Basic credentials (RFC 7617).</summary>
    public static RestCredential Basic(string user, string password) =>
        new([("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")))]);

    /// <summary>A bearer token (RFC 6750).</summary>
    public static RestCredential Bearer(string token) => new([("Authorization", "Bearer " + token)]);
}

/// <summary>Everything a REST run needs: target, profile, credentials and limits.</summary>
public sealed record RestRunOptions
{
    /// <summary>The target's root URL (http:// or https://).</summary>
    public required Uri Target { get; init; }
    /// <summary>The API description.</summary>
    public required RestProfile Profile { get; init; }
    /// <summary>The credentials of the profile, read from the environment (anonymous without auth).</summary>
    public RestCredential Credential { get; init; } = RestCredential.Anonymous;
    /// <summary>Credentials that are well-formed but wrong, for the 401 cases.</summary>
    public RestCredential WrongCredential { get; init; } = RestCredential.Anonymous;
    /// <summary>A read-only token, when the profile declares one.</summary>
    public RestCredential? ReadOnlyCredential { get; init; }
    /// <summary>Only cases that use safe methods (GET, HEAD, OPTIONS) run.</summary>
    public bool ReadOnly { get; init; }
    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>How long a raw read waits for more bytes after a response head.</summary>
    public TimeSpan Silence { get; init; } = TimeSpan.FromMilliseconds(500);
    /// <summary>TLS and connect options of the raw client.</summary>
    public TransportOptions Transport { get; init; } = new();
    /// <summary>An HTTP proxy for HttpClient, or none.</summary>
    public Uri? Proxy { get; init; }

    /// <summary>The HttpClient of a run: no redirects, no cookies, no decompression, no proxy unless one is given.</summary>
    public HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = Proxy is not null,
        Proxy = Proxy is null ? null : new WebProxy(Proxy),
        ConnectTimeout = Transport.ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        SslOptions = Transport.ApplyTrust(new System.Net.Security.SslClientAuthenticationOptions()),
    }, disposeHandler: true)
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
    };
}
