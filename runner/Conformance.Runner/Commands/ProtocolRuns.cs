using Conformance.Interop.Browser;
using Conformance.Interop.ClientSide;
using Conformance.Runner.Output;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Rest;
using Conformance.Suite.Results;

namespace Conformance.Runner.Commands;

/// <summary>One protocol's part of a run: its preflight, its executor and what the run info records of it.</summary>
internal abstract class ProtocolRun : IDisposable
{
    protected ProtocolRun(Redactor redactor) => Redactor = redactor;

    /// <summary>Secrets of the run (headers, URL user-info, credentials from the environment).</summary>
    public Redactor Redactor { get; }
    /// <summary>What the preflight found, in words.</summary>
    public string Detail { get; protected set; } = "";
    /// <summary>The target's Server header, bounded, when seen.</summary>
    public string? Server { get; protected set; }
    /// <summary>What the preflight found, for the run info.</summary>
    public IReadOnlyDictionary<string, string> Capabilities { get; protected set; } = new Dictionary<string, string>();

    /// <summary>Checks the target answers; throws TargetUnreachableException when it does not.</summary>
    public abstract Task PreflightAsync(CancellationToken cancellationToken);

    /// <summary>Runs the cases.</summary>
    public abstract Task<ExecutionResult> RunAsync(IReadOnlyList<CaseDefinition> cases, IProgress<CaseResult> progress, CancellationToken cancellationToken);

    public virtual void Dispose()
    {
    }
}

/// <summary>The WebSocket catalogue against a ws:// or wss:// target.</summary>
internal sealed class WebSocketRun : ProtocolRun
{
    private readonly Executor executor;
    private Capabilities capabilities = Suite.Execution.Capabilities.Unknown;

    private WebSocketRun(Executor executor, Redactor redactor) : base(redactor) => this.executor = executor;

    public static WebSocketRun Prepare(RunSettings settings, Uri target, bool embedded)
    {
        var redactor = Redactor.For(target, settings.Headers.Select(h => (h.Name, h.Value)));
        return new WebSocketRun(new Executor(settings.ToRunOptions(target), redactor, RerunCommand.For(settings, redactor, embedded)), redactor);
    }

    public override async Task PreflightAsync(CancellationToken cancellationToken)
    {
        capabilities = await executor.PreflightAsync(cancellationToken);
        Detail = capabilities.Detail;
        Server = capabilities.Server;
        Capabilities = capabilities.ToDictionary();
    }

    public override Task<ExecutionResult> RunAsync(IReadOnlyList<CaseDefinition> cases, IProgress<CaseResult> progress, CancellationToken cancellationToken) =>
        executor.RunAsync(cases, capabilities, progress, cancellationToken);
}

/// <summary>The browser cases: a real browser's WebSocket API against the ws:// or wss:// target.</summary>
internal sealed class BrowserRun : ProtocolRun
{
    private readonly BrowserCaseExecutor executor;

    private BrowserRun(BrowserCaseExecutor executor, Redactor redactor) : base(redactor) => this.executor = executor;

    /// <summary>Null, after printing why, when --origin cannot be a page's origin for this target.</summary>
    public static BrowserRun? Prepare(RunSettings settings, Uri target, Terminal terminal, bool embedded)
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
        return new BrowserRun(new BrowserCaseExecutor(options, redactor, RerunCommand.For(settings, redactor, embedded)), redactor);
    }

    public override async Task PreflightAsync(CancellationToken cancellationToken)
    {
        Detail = "browser: " + await executor.PreflightAsync(cancellationToken);
        Capabilities = new Dictionary<string, string>
        {
            ["browser"] = executor.BrowserDescription!,
            ["browserOrigin"] = executor.PageOrigin!,
        };
    }

    public override Task<ExecutionResult> RunAsync(IReadOnlyList<CaseDefinition> cases, IProgress<CaseResult> progress, CancellationToken cancellationToken) =>
        executor.RunAsync(cases, progress, cancellationToken);

    // The browser and its page host stop here; the CLI has no asynchronous disposal path for the parts of a run.
    public override void Dispose()
    {
        executor.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }
}

/// <summary>
/// The client cases with a browser as the client: the suite's client-case server in-process, and the browser
/// driven through the harness page loaded from it (run --client chromium).
/// </summary>
internal sealed class ClientRun : ProtocolRun
{
    private readonly RunSettings settings;
    private readonly CatalogueInfo catalogue;
    private readonly IReadOnlyList<CaseDefinition> cases;
    private ClientCaseServer? server;
    private BrowserSession? browser;

    private ClientRun(RunSettings settings, CatalogueInfo catalogue, IReadOnlyList<CaseDefinition> cases) : base(Redactor.For(new Uri("ws://127.0.0.1/"), []))
    {
        this.settings = settings;
        this.catalogue = catalogue;
        this.cases = cases;
    }

    /// <summary>The browser's version, once the preflight started it.</summary>
    public string? ClientVersion => browser?.Version;

    public static ClientRun Prepare(RunSettings settings, CatalogueInfo catalogue, IReadOnlyList<CaseDefinition> cases) => new(settings, catalogue, cases);

    public override async Task PreflightAsync(CancellationToken cancellationToken)
    {
        server = await ClientCaseServer.StartAsync(new ClientServerOptions
        {
            Cases = cases,
            Catalogue = catalogue,
            Tool = RunPipeline.ToolVersion,
            Seed = settings.Seed,
            Timeout = TimeSpan.FromMilliseconds(settings.TimeoutMs),
            Silence = TimeSpan.FromMilliseconds(settings.SilenceMs),
            RerunCommand = Rerun,
        }, cancellationToken);
        browser = await BrowserSession.LaunchAsync(new BrowserOptions { Name = settings.Client!, ExecutablePath = settings.BrowserPath }, cancellationToken);
        Detail = $"client {browser.Description} against the client-case server at {server.BaseUri}";
        Capabilities = new Dictionary<string, string> { ["client"] = browser.Description, ["clientCaseServer"] = server.BaseUri.ToString() };
    }

    public override Task<ExecutionResult> RunAsync(IReadOnlyList<CaseDefinition> cases, IProgress<CaseResult> progress, CancellationToken cancellationToken) =>
        BrowserClientDriver.RunAsync(browser!, server!, cases, settings.Client!, TimeSpan.FromMilliseconds(settings.TimeoutMs) * 2, Rerun, progress, cancellationToken);

    private string Rerun(CaseDefinition definition) =>
        $"./run.sh run --client {settings.Client} --cases {definition.Id} --seed {settings.Seed}" + (settings.BrowserPath is { } path ? " --browser-path " + RerunCommand.Quote(path) : "");

    // The CLI has no asynchronous disposal path for the parts of a run.
    public override void Dispose()
    {
        browser?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }
}

/// <summary>The REST catalogue against an http:// or https:// API described by a profile.</summary>
internal sealed class RestRun : ProtocolRun
{
    private readonly RestExecutor executor;

    private RestRun(RestExecutor executor, Redactor redactor) : base(redactor) => this.executor = executor;

    /// <summary>Reads the profile and the credentials it names; null (after printing why) when they cannot be used.</summary>
    public static RestRun? Prepare(RunSettings settings, string profilePath, Uri target, Terminal terminal, bool embedded)
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
        return new RestRun(new RestExecutor(options, redactor, RerunCommand.For(settings, redactor, embedded)), redactor);
    }

    public override async Task PreflightAsync(CancellationToken cancellationToken)
    {
        Detail = await executor.PreflightAsync(cancellationToken);
        Capabilities = new Dictionary<string, string> { ["rest"] = Detail };
    }

    public override Task<ExecutionResult> RunAsync(IReadOnlyList<CaseDefinition> cases, IProgress<CaseResult> progress, CancellationToken cancellationToken) =>
        executor.RunAsync(cases, progress, cancellationToken);

    public override void Dispose()
    {
        executor.Dispose();
        base.Dispose();
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

/// <summary>Disposes several parts at once.</summary>
internal sealed class CompositeDisposable(IEnumerable<IDisposable> parts) : IDisposable
{
    private readonly List<IDisposable> parts = [.. parts];

    public void Dispose() => parts.ForEach(p => p.Dispose());
}
