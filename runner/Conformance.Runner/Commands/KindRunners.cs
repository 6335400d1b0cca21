using Conformance.Interop.Browser;
using Conformance.Interop.ClientSide;
using Conformance.Runner.Output;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Rest;
using Conformance.Suite.Results;

namespace Conformance.Runner.Commands;

/// <summary>
/// Turns the run's settings into the suite's runner of each kind of case; what only the runner knows (options, usage
/// problems, credentials from the environment) is decided here. Null, after printing why, when a runner cannot be made.
/// </summary>
internal static class KindRunners
{
    /// <summary>The WebSocket catalogue against a ws:// or wss:// target.</summary>
    public static Executor WebSocket(RunSettings settings, Uri target, bool embedded)
    {
        var redactor = Redactor.For(target, settings.Headers.Select(h => (h.Name, h.Value)));
        return new Executor(settings.ToRunOptions(target), redactor, RerunCommand.For(settings, redactor, embedded));
    }

    /// <summary>The browser cases: a real browser's WebSocket API against the ws:// or wss:// target.</summary>
    public static BrowserCaseExecutor? Browser(RunSettings settings, Uri target, Terminal terminal, bool embedded)
    {
        string? origin = null;
        if (settings.Origin is { } given && (origin = BrowserRunOptions.NormalizeOrigin(given, target, out var problem)) is null)
        {
            terminal.Error(problem!);
            return null;
        }

        if (settings.Headers.Count > 0)
        {
            terminal.Warning("the browser cases do not send --header values: a page cannot set headers on a WebSocket");
        }

        if (settings.CaCert is not null)
        {
            terminal.Warning("the browser cases do not use --ca-cert: the browser trusts its own store (--insecure makes it accept any certificate)");
        }

        var redactor = Redactor.For(target, settings.Headers.Select(h => (h.Name, h.Value)));
        var options = new BrowserRunOptions
        {
            WebSocket = settings.ToRunOptions(target),
            Browser = new BrowserOptions { Name = settings.Browser!, ExecutablePath = settings.BrowserPath, IgnoreCertificateErrors = settings.Insecure },
            Origin = origin,
        };
        return new BrowserCaseExecutor(options, redactor, RerunCommand.For(settings, redactor, embedded));
    }

    /// <summary>
    /// The client cases with a browser as the client: the suite's client-case server in-process, and the browser
    /// driven through the harness page loaded from it (run --client chromium).
    /// </summary>
    public static BrowserClientDriver Client(RunSettings settings, CatalogueInfo catalogue, IReadOnlyList<CaseDefinition> cases)
    {
        var server = new ClientServerOptions
        {
            Cases = cases,
            Catalogue = catalogue,
            Tool = RunPipeline.ToolVersion,
            Seed = settings.Seed,
            Timeout = TimeSpan.FromMilliseconds(settings.TimeoutMs),
            Silence = TimeSpan.FromMilliseconds(settings.SilenceMs),
        };
        var browser = new BrowserOptions { Name = settings.Client!, ExecutablePath = settings.BrowserPath };
        return new BrowserClientDriver(server, browser, TimeSpan.FromMilliseconds(settings.TimeoutMs) * 2, definition =>
            $"./run.sh run --client {settings.Client} --cases {definition.Id} --seed {settings.Seed}" + (settings.BrowserPath is { } path ? " --browser-path " + RerunCommand.Quote(path) : ""));
    }

    /// <summary>The REST catalogue against an http:// or https:// API described by a profile, with the credentials it names.</summary>
    public static RestExecutor? Rest(RunSettings settings, string profilePath, Uri target, Terminal terminal, bool embedded)
    {
        if (target.Scheme is not ("http" or "https"))
        {
            terminal.Error($"--rest-profile needs an http:// or https:// --target, not {target.Scheme}://");
            return null;
        }

        RestProfile profile;
        try
        {
            profile = RestProfileLoader.Load(profilePath);
        }
        catch (RestProfileException e)
        {
            terminal.Error($"the REST profile is invalid ({e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", e.Problems)}");
            return null;
        }

        if (!Credentials.TryRead(profile.Auth, out var credentials, out var problem))
        {
            terminal.Error(problem!);
            return null;
        }

        var redactor = Redactor.For(target, settings.Headers.Select(h => (h.Name, h.Value))).With(credentials.Secrets);
        var options = new RestRunOptions
        {
            Target = target,
            Profile = profile,
            Credential = credentials.Full,
            WrongCredential = credentials.Wrong,
            ReadOnlyCredential = credentials.ReadOnly,
            ReadOnly = settings.RestReadOnly,
            Timeout = TimeSpan.FromMilliseconds(settings.TimeoutMs),
            Silence = TimeSpan.FromMilliseconds(settings.SilenceMs),
            Transport = settings.ToRunOptions(target).Transport,
            Proxy = settings.Proxy,
        };
        return new RestExecutor(options, redactor, RerunCommand.For(settings, redactor, embedded));
    }

    /// <summary>The credentials a profile names, read from the environment; never printed.</summary>
    private sealed record Credentials(RestCredential Full, RestCredential Wrong, RestCredential? ReadOnly, IReadOnlyList<string> Secrets)
    {
        public static bool TryRead(RestAuth auth, out Credentials credentials, out string? problem)
        {
            credentials = new Credentials(RestCredential.Anonymous, RestCredential.Anonymous, null, []);
            var missing = new List<string>();
            string? Read(string? variable)
            {
                var value = variable is null ? null : Environment.GetEnvironmentVariable(variable);
                if (variable is not null && string.IsNullOrEmpty(value))
                {
                    missing.Add(variable);
                }

                return value;
            }

            switch (auth.Scheme)
            {
                case RestAuthScheme.Basic:
                    var user = Read(auth.UsernameEnv);
                    var password = Read(auth.PasswordEnv);
                    credentials = new Credentials(RestCredential.Basic(user ?? "", password ?? ""), RestCredential.Basic(user ?? "", "conformance-wrong-password"), null, [password ?? "", HeaderValue(RestCredential.Basic(user ?? "", password ?? ""))]);
                    break;
                case RestAuthScheme.Bearer:
                    var token = Read(auth.TokenEnv);
                    var readOnly = auth.ReadOnlyTokenEnv is null ? null : Read(auth.ReadOnlyTokenEnv);
                    credentials = new Credentials(RestCredential.Bearer(token ?? ""), RestCredential.Bearer("conformance-wrong-token"), readOnly is null ? null : RestCredential.Bearer(readOnly), [token ?? "", readOnly ?? ""]);
                    break;
                case RestAuthScheme.ApiKey:
                    var key = Read(auth.KeyEnv);
                    credentials = new Credentials(new RestCredential([(auth.Header!, key ?? "")]), new RestCredential([(auth.Header!, "conformance-wrong-key")]), null, [key ?? ""]);
                    break;
            }

            problem = missing.Count == 0 ? null : $"the REST profile takes credentials from the environment variable {string.Join(" and ", missing)}, which is not set";
            return problem is null;
        }

        private static string HeaderValue(RestCredential credential) => credential.Headers[0].Value;
    }
}

/// <summary>Disposes the runners of a run, in order.</summary>
internal sealed class AsyncDisposables(IEnumerable<IAsyncDisposable> parts) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> parts = [.. parts];

    public async ValueTask DisposeAsync()
    {
        foreach (var part in parts)
        {
            await part.DisposeAsync();
        }
    }
}
