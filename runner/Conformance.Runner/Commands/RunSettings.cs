using System.CommandLine;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Runner.Commands;

/// <summary>The options shared by run and bench, declared once; the CI outputs and the baseline only on run.</summary>
internal sealed class RunOptionSet(bool ciOutputs)
{
    public Option<string?> Target { get; } = new("--target", "-t") { Description = "ws://, wss://, http:// or https:// URL of the target (default: the bundled reference server, started in-process)" };
    public Option<string?> Out { get; } = new("--out", "-o") { Description = "Folder for results.json (default: out/run-TIMESTAMP)" };
    public Option<string?> Report { get; } = new("--report") { Description = "Also write the HTML report site into this folder (the default job writes it into OUT/report)" };
    public Option<string?> RestProfile { get; } = new("--rest-profile") { Description = "Run the REST catalogue against the http(s) --target, described by this profile (YAML)" };
    public Option<bool> RestReadOnly { get; } = new("--rest-readonly") { Description = "REST: run only cases that send safe methods (GET, HEAD, OPTIONS), e.g. against production" };
    public Option<string?> Proxy { get; } = new("--proxy") { Description = "REST: send HttpClient requests through this HTTP proxy" };
    public Option<string[]> Cases { get; } = new("--cases") { Description = "Only cases whose id matches this glob (repeatable), e.g. 'ws.frame.*'" };
    public Option<string[]> Area { get; } = new("--area") { Description = "Only cases of this area (second id segment; repeatable), e.g. handshake" };
    public Option<string[]> Level { get; } = new("--level") { Description = "Only cases of this level (repeatable): must, should, may, informational" };
    public Option<int> Parallel { get; } = new("--parallel") { Description = "Cases run at once (1 = sequential)", DefaultValueFactory = _ => RunOptions.DefaultParallel };
    public Option<int> TimeoutMs { get; } = new("--timeout-ms") { Description = "Per-case timeout from the open connection; grows 1 s per MiB moved", DefaultValueFactory = _ => (int)RunOptions.DefaultTimeout.TotalMilliseconds };
    public Option<int> SilenceMs { get; } = new("--silence-ms") { Description = "How long a 'nothing happens' check waits", DefaultValueFactory = _ => (int)RunOptions.DefaultSilence.TotalMilliseconds };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of mask keys, handshake keys and generated payloads", DefaultValueFactory = _ => DefaultSeed };
    public Option<string?> CasesDir { get; } = new("--cases-dir") { Description = "Folder of extra case files (marked source: custom)" };
    public Option<string[]> Header { get; } = new("--header", "-H") { Description = "Extra handshake header 'Name: value' (repeatable); credential values are redacted from every output" };
    public Option<string?> Origin { get; } = new("--origin") { Description = "Origin header to send; browser cases load their page from this origin" };
    public Option<string?> Browser { get; } = new("--browser") { Description = "Also run the browser cases (area browser) through this browser: chromium" };
    public Option<string?> Client { get; } = new("--client") { Description = "Judge a client instead of a target: drive this browser through the client cases (ws.client.*) against the suite's own server: chromium" };
    public Option<string?> BrowserPath { get; } = new("--browser-path") { Description = "The browser's executable (default: /usr/bin/chromium, else Playwright's own Chromium)" };
    public Option<string[]> Subprotocol { get; } = new("--subprotocol") { Description = "Subprotocol to offer on every connection (repeatable)" };
    public Option<string?> Name { get; } = new("--name") { Description = "Name of the implementation under test, recorded in the results" };
    public Option<string?> ImplVersion { get; } = new("--impl-version") { Description = "Version of the implementation under test" };
    public Option<bool> Insecure { get; } = new("--insecure", "-k") { Description = "wss: accept any server certificate" };
    public Option<string?> CaCert { get; } = new("--ca-cert") { Description = "wss: trust this CA certificate file (PEM or DER)" };
    public Option<string> CloseCodes { get; } = new("--close-codes") { Description = "Which registry decides close codes 1012-1014: iana or rfc6455", DefaultValueFactory = _ => "iana" };
    public Option<string?> FailOn { get; } = new("--fail-on") { Description = "Also exit 1 on this verdict: non-strict" };
    public Option<string> Tier { get; } = new("--tier") { Description = "default (fast behavioural cases) or full (adds limits and performance cases)", DefaultValueFactory = _ => "default" };
    public Option<long?> MaxMessage { get; } = new("--max-message") { Description = "The target's declared message size limit in bytes; enables the cases that check it is enforced (1009)" };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only the summary line and the results path" };
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Print every case as it finishes" };
    public Option<string?> JUnit { get; } = new("--junit") { Description = "Also write the results as JUnit XML to this file (one testcase per case)" };
    public Option<string?> Annotations { get; } = new("--annotations") { Description = "Print CI annotations for fail, error and non-strict cases: github" };
    public Option<string?> Publish { get; } = new("--publish") { Description = $"Upload results.json to this report service once written (token from ${PublishCommand.TokenVariable})" };
    public Option<string?> Baseline { get; } = new("--baseline") { Description = "Exit 1 only on regressions against this baseline file (written by 'baseline write')" };

    public const int DefaultSeed = 6455;

    /// <summary>Whether --report, --junit, --annotations and --baseline are offered (run: yes; bench: no, it writes nothing).</summary>
    public bool CiOutputs { get; } = ciOutputs;

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Target, Out, RestProfile, RestReadOnly, Proxy, Cases, Area, Level, Tier, Parallel, TimeoutMs, SilenceMs, Seed, CasesDir, Header, Origin, Browser, Client, BrowserPath, Subprotocol, Name, ImplVersion, Insecure, CaCert, CloseCodes, MaxMessage, FailOn, Quiet, Verbose })
        {
            command.Options.Add(option);
        }

        if (CiOutputs)
        {
            command.Options.Add(Report);
            command.Options.Add(JUnit);
            command.Options.Add(Annotations);
            command.Options.Add(Baseline);
            command.Options.Add(Publish);
        }
    }
}

/// <summary>The parsed, validated options of one run.</summary>
internal sealed record RunSettings
{
    public Uri? Target { get; init; }
    public string? Out { get; init; }
    public string? Report { get; init; }
    public string? RestProfile { get; init; }
    public bool RestReadOnly { get; init; }
    public Uri? Proxy { get; init; }
    /// <summary>The default job (no command) writes the report next to results.json even without --report.</summary>
    public bool DefaultReport { get; init; }
    public IReadOnlyList<string> CaseGlobs { get; init; } = [];
    public IReadOnlyList<string> Areas { get; init; } = [];
    public IReadOnlyList<RequirementLevel> Levels { get; init; } = [];
    public int Parallel { get; init; }
    public int TimeoutMs { get; init; }
    public int SilenceMs { get; init; }
    public int Seed { get; init; }
    public string? CasesDir { get; init; }
    public IReadOnlyList<HttpHeader> Headers { get; init; } = [];
    public string? Origin { get; init; }
    /// <summary>--browser: run the browser cases through this browser; null leaves them out.</summary>
    public string? Browser { get; init; }
    /// <summary>--client: drive this browser through the client cases; null runs against a target.</summary>
    public string? Client { get; init; }
    /// <summary>--browser-path: the browser's executable.</summary>
    public string? BrowserPath { get; init; }
    public IReadOnlyList<string> Subprotocols { get; init; } = [];
    public string? Name { get; init; }
    public string? ImplVersion { get; init; }
    public bool Insecure { get; init; }
    public string? CaCert { get; init; }
    public CloseCodePolicy CloseCodes { get; init; }
    public bool FullTier { get; init; }
    public long? MaxMessage { get; init; }
    public bool FailOnNonStrict { get; init; }
    public bool Quiet { get; init; }
    public bool Verbose { get; init; }
    public string? JUnit { get; init; }
    public bool GitHubAnnotations { get; init; }
    public string? Baseline { get; init; }
    /// <summary>--publish: the report service to upload results.json to.</summary>
    public string? Publish { get; init; }

    /// <summary>Reads and checks the options; a problem is a usage error with a message.</summary>
    public static RunSettings Parse(ParseResult parse, RunOptionSet o, out string? problem)
    {
        problem = null;
        Uri? target = null;
        if (parse.GetValue(o.Target) is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out target) || target.Scheme is not ("ws" or "wss" or "http" or "https"))
            {
                problem = $"--target '{text}' is not a ws://, wss://, http:// or https:// URL";
            }
        }

        var headers = new List<HttpHeader>();
        foreach (var line in parse.GetValue(o.Header) ?? [])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || line.Any(c => c is '\r' or '\n'))
            {
                problem ??= $"--header '{line}' is not 'Name: value'";
                continue;
            }

            headers.Add(new HttpHeader(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        var levels = new List<RequirementLevel>();
        foreach (var level in parse.GetValue(o.Level) ?? [])
        {
            RequirementLevel? parsed = level switch
            {
                "must" => RequirementLevel.Must,
                "should" => RequirementLevel.Should,
                "may" => RequirementLevel.May,
                "informational" => RequirementLevel.Informational,
                _ => null,
            };
            if (parsed is null)
            {
                problem ??= $"--level '{level}' is not must, should, may or informational";
            }
            else
            {
                levels.Add(parsed.Value);
            }
        }

        var closeCodes = parse.GetValue(o.CloseCodes) switch
        {
            "iana" => CloseCodePolicy.Iana,
            "rfc6455" => CloseCodePolicy.Rfc6455,
            var other => Invalid(ref problem, $"--close-codes '{other}' is not iana or rfc6455", CloseCodePolicy.Iana),
        };
        var failOn = parse.GetValue(o.FailOn);
        if (failOn is not null and not "non-strict")
        {
            problem ??= $"--fail-on '{failOn}' is not non-strict";
        }

        var tier = parse.GetValue(o.Tier);
        if (tier is not ("default" or "full"))
        {
            problem ??= $"--tier '{tier}' is not default or full";
        }

        var maxMessage = parse.GetValue(o.MaxMessage);
        if (maxMessage is < 1 or > int.MaxValue - 1024 * 1024)
        {
            problem ??= "--max-message must be 1 byte to 2 GiB";
        }

        var parallel = parse.GetValue(o.Parallel);
        var timeout = parse.GetValue(o.TimeoutMs);
        var silence = parse.GetValue(o.SilenceMs);
        if (parallel is < 1 or > 256)
        {
            problem ??= "--parallel must be 1 to 256";
        }

        if (timeout is < 50 or > 600_000 || silence is < 10 or > 600_000)
        {
            problem ??= "--timeout-ms must be 50 to 600000 and --silence-ms 10 to 600000";
        }

        var report = o.CiOutputs ? parse.GetValue(o.Report) : null;
        if (report is not null && Conformance.ReportSite.SiteWriter.FolderProblem(report) is { } siteProblem)
        {
            problem ??= "--report: " + siteProblem;
        }

        var restProfile = parse.GetValue(o.RestProfile);
        if (restProfile is not null && target is null)
        {
            problem ??= "--rest-profile needs the API's --target http://HOST:PORT";
        }

        Uri? proxy = null;
        if (parse.GetValue(o.Proxy) is { } proxyText && (!Uri.TryCreate(proxyText, UriKind.Absolute, out proxy) || proxy.Scheme is not ("http" or "https")))
        {
            problem ??= $"--proxy '{proxyText}' is not an http:// URL";
        }

        var caCert = parse.GetValue(o.CaCert);
        if (caCert is not null && !File.Exists(caCert))
        {
            problem ??= $"--ca-cert file '{caCert}' does not exist";
        }

        string? junit = null, annotations = null, baseline = null, publish = null;
        if (o.CiOutputs)
        {
            junit = parse.GetValue(o.JUnit);
            annotations = parse.GetValue(o.Annotations);
            baseline = parse.GetValue(o.Baseline);
            publish = parse.GetValue(o.Publish);
        }

        // Checked before the run: a run whose upload was doomed from the start is minutes wasted in CI.
        if (publish is not null && (!Uri.TryCreate(publish, UriKind.Absolute, out var service) || service.Scheme is not ("http" or "https")))
        {
            problem ??= $"--publish '{publish}' is not an http:// or https:// URL";
        }
        else if (publish is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PublishCommand.TokenVariable)))
        {
            problem ??= $"--publish needs an API token in {PublishCommand.TokenVariable} (never on the command line)";
        }

        if (annotations is not null and not "github")
        {
            problem ??= $"--annotations '{annotations}' is not github";
        }

        if (junit is not null && Directory.Exists(junit))
        {
            problem ??= $"--junit '{junit}' is a folder; give the path of the XML file to write";
        }

        // --area browser alone means the browser cases with the default browser.
        var areas = parse.GetValue(o.Area) ?? [];
        var browser = parse.GetValue(o.Browser) ?? (areas.Contains(Suite.Catalogue.CaseDefinition.BrowserArea) ? Conformance.Interop.Browser.BrowserOptions.Supported[0] : null);
        if (browser is not null && !Conformance.Interop.Browser.BrowserOptions.Supported.Contains(browser))
        {
            problem ??= $"--browser '{browser}' is not one of {string.Join(", ", Conformance.Interop.Browser.BrowserOptions.Supported)}";
        }

        var client = parse.GetValue(o.Client);
        if (client is not null && !Conformance.Interop.Browser.BrowserOptions.Supported.Contains(client))
        {
            problem ??= $"--client '{client}' is not one of {string.Join(", ", Conformance.Interop.Browser.BrowserOptions.Supported)}";
        }

        if (client is not null && (target is not null || restProfile is not null || parse.GetValue(o.Browser) is not null))
        {
            problem ??= "--client judges a client against the suite's own server: it takes no --target, --rest-profile or --browser";
        }

        var browserPath = parse.GetValue(o.BrowserPath);
        if (browserPath is not null && !File.Exists(browserPath))
        {
            problem ??= $"--browser-path '{browserPath}' does not exist";
        }

        if (browser is not null && restProfile is not null)
        {
            problem ??= "--browser runs against a WebSocket target; it does not go with --rest-profile";
        }

        return new RunSettings
        {
            Target = target,
            Browser = client is null ? browser : null,
            Client = client,
            BrowserPath = browserPath,
            Out = parse.GetValue(o.Out),
            Report = report,
            RestProfile = restProfile,
            RestReadOnly = parse.GetValue(o.RestReadOnly),
            Proxy = proxy,
            CaseGlobs = parse.GetValue(o.Cases) ?? [],
            Areas = areas,
            Levels = levels,
            Parallel = parallel,
            TimeoutMs = timeout,
            SilenceMs = silence,
            Seed = parse.GetValue(o.Seed),
            CasesDir = parse.GetValue(o.CasesDir),
            Headers = headers,
            Origin = parse.GetValue(o.Origin),
            Subprotocols = parse.GetValue(o.Subprotocol) ?? [],
            Name = parse.GetValue(o.Name),
            ImplVersion = parse.GetValue(o.ImplVersion),
            Insecure = parse.GetValue(o.Insecure),
            CaCert = caCert,
            CloseCodes = closeCodes,
            FullTier = tier == "full",
            MaxMessage = maxMessage,
            FailOnNonStrict = failOn == "non-strict",
            Quiet = parse.GetValue(o.Quiet),
            Verbose = parse.GetValue(o.Verbose),
            JUnit = junit,
            GitHubAnnotations = annotations == "github",
            Baseline = baseline,
            Publish = publish,
        };
    }

    public RunOptions ToRunOptions(Uri target) => new()
    {
        Target = target,
        Headers = Headers,
        Origin = Origin,
        Subprotocols = Subprotocols,
        Seed = Seed,
        Timeout = TimeSpan.FromMilliseconds(TimeoutMs),
        Silence = TimeSpan.FromMilliseconds(SilenceMs),
        Parallel = Parallel,
        Transport = new TransportOptions { Insecure = Insecure, CaCertificatePath = CaCert },
        CloseCodes = CloseCodes,
        MaxMessage = MaxMessage,
    };

    /// <summary>The options that can change a verdict, for the run info (header values redacted).</summary>
    public IReadOnlyDictionary<string, string> Recorded(Redactor redactor)
    {
        var options = new Dictionary<string, string>
        {
            ["timeoutMs"] = TimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["silenceMs"] = SilenceMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["parallel"] = Parallel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["closeCodes"] = CloseCodes == CloseCodePolicy.Iana ? "iana" : "rfc6455",
        };
        Put(options, "cases", string.Join(" ", CaseGlobs));
        Put(options, "area", string.Join(" ", Areas));
        Put(options, "level", string.Join(" ", Levels.Select(l => l.ToString().ToLowerInvariant())));
        Put(options, "casesDir", CasesDir);
        Put(options, "origin", Origin);
        Put(options, "subprotocols", string.Join(", ", Subprotocols));
        Put(options, "headers", string.Join("; ", Headers.Select(h => redactor.Apply(h.ToString()))));
        Put(options, "insecure", Insecure ? "true" : null);
        Put(options, "caCert", CaCert);
        Put(options, "failOn", FailOnNonStrict ? "non-strict" : null);
        Put(options, "tier", FullTier ? "full" : "default");
        Put(options, "restProfile", RestProfile);
        Put(options, "restReadOnly", RestReadOnly ? "true" : null);
        Put(options, "maxMessage", MaxMessage?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Put(options, "browser", Browser);
        Put(options, "client", Client);
        Put(options, "browserPath", BrowserPath);
        return options;
    }

    private static void Put(Dictionary<string, string> options, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            options[key] = value;
        }
    }

    private static T Invalid<T>(ref string? problem, string message, T fallback)
    {
        problem ??= message;
        return fallback;
    }
}
