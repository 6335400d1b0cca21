using System.CommandLine;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Runner.Commands;

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
    public long? MaxFrame { get; init; }
    public bool FailOnNonStrict { get; init; }
    public bool Quiet { get; init; }
    public bool Verbose { get; init; }
    public string? JUnit { get; init; }
    public bool GitHubAnnotations { get; init; }
    public string? Baseline { get; init; }
    /// <summary>--publish: the report service to upload results.json to.</summary>
    public string? Publish { get; init; }

    /// <summary>The options of a parse that passed <see cref="RunOptionSet"/>'s validators.</summary>
    public static RunSettings From(ParseResult parse, RunOptionSet o)
    {
        var client = parse.GetValue(o.Client);
        return new RunSettings
        {
            Target = parse.GetValue(o.Target),
            Browser = client is null ? o.BrowserOf(parse.CommandResult) : null,
            Client = client,
            BrowserPath = parse.GetValue(o.BrowserPath),
            Out = parse.GetValue(o.Out),
            Report = o.CiOutput(parse, o.Report),
            RestProfile = parse.GetValue(o.RestProfile),
            RestReadOnly = parse.GetValue(o.RestReadOnly),
            Proxy = parse.GetValue(o.Proxy),
            CaseGlobs = parse.GetValue(o.Cases) ?? [],
            Areas = parse.GetValue(o.Area) ?? [],
            Levels = parse.GetValue(o.Level) ?? [],
            Parallel = parse.GetValue(o.Parallel),
            TimeoutMs = parse.GetValue(o.TimeoutMs),
            SilenceMs = parse.GetValue(o.SilenceMs),
            Seed = parse.GetValue(o.Seed),
            CasesDir = parse.GetValue(o.CasesDir),
            Headers = parse.GetValue(o.Header) ?? [],
            Origin = parse.GetValue(o.Origin),
            Subprotocols = parse.GetValue(o.Subprotocol) ?? [],
            Name = parse.GetValue(o.Name),
            ImplVersion = parse.GetValue(o.ImplVersion),
            Insecure = parse.GetValue(o.Insecure),
            CaCert = parse.GetValue(o.CaCert),
            CloseCodes = parse.GetValue(o.CloseCodes) == "rfc6455" ? CloseCodePolicy.Rfc6455 : CloseCodePolicy.Iana,
            FullTier = parse.GetValue(o.Tier) == "full",
            MaxMessage = parse.GetValue(o.MaxMessage),
            MaxFrame = parse.GetValue(o.MaxFrame),
            FailOnNonStrict = parse.GetValue(o.FailOn) == "non-strict",
            Quiet = parse.GetValue(o.Quiet),
            Verbose = parse.GetValue(o.Verbose),
            JUnit = o.CiOutput(parse, o.JUnit),
            GitHubAnnotations = o.CiOutput(parse, o.Annotations) == "github",
            Baseline = o.CiOutput(parse, o.Baseline),
            Publish = o.CiOutput(parse, o.Publish),
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
        MaxFrame = MaxFrame,
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
        Put(options, "maxFrame", MaxFrame?.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
}
