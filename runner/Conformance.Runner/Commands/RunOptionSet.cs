using System.CommandLine;
using System.CommandLine.Parsing;
using Conformance.Interop.Browser;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Runner.Commands;

/// <summary>
/// The options of run and bench, declared once with their validators: a bad value is a parse error (exit 2) before
/// anything runs. The CI outputs, the baseline and the upload only on run.
/// </summary>
internal sealed class RunOptionSet
{
    private const string TimeRange = "--timeout-ms must be 50 to 600000 and --silence-ms 10 to 600000";

    /// <param name="ciOutputs">Whether --report, --junit, --annotations, --baseline and --publish are offered (run: yes; bench: no, it writes nothing).</param>
    /// <param name="variable">The environment, for --publish's token.</param>
    public RunOptionSet(bool ciOutputs, Func<string, string?> variable)
    {
        CiOutputs = ciOutputs;
        CommonOptions.InRange(Parallel, 1, 256, "--parallel must be 1 to 256");
        CommonOptions.Check(MaxMessage, max => max is < 1 or > int.MaxValue - 1024 * 1024 ? "--max-message must be 1 byte to 2 GiB" : null);
        CommonOptions.Check(MaxFrame, max => max is < 1 or > int.MaxValue - 1024 * 1024 ? "--max-frame must be 1 byte to 2 GiB" : null);
        CommonOptions.Check(CloseCodes, codes => codes is "iana" or "rfc6455" ? null : $"--close-codes '{codes}' is not iana or rfc6455");
        CommonOptions.CheckGiven(FailOn, failOn => failOn is "non-strict" ? null : $"--fail-on '{failOn}' is not non-strict");
        CommonOptions.Check(Tier, tier => tier is "default" or "full" ? null : $"--tier '{tier}' is not default or full");
        CommonOptions.CheckGiven(Report, site => Conformance.ReportSite.SiteWriter.FolderProblem(site) is { } problem ? "--report: " + problem : null);
        CommonOptions.CheckGiven(CaCert, file => File.Exists(file) ? null : $"--ca-cert file '{file}' does not exist");
        CommonOptions.CheckGiven(BrowserPath, file => File.Exists(file) ? null : $"--browser-path '{file}' does not exist");
        CommonOptions.CheckGiven(Browser, browser => OneOfSupported("--browser", browser));
        CommonOptions.CheckGiven(Client, client => OneOfSupported("--client", client));
        CommonOptions.CheckGiven(Annotations, annotations => annotations is "github" ? null : $"--annotations '{annotations}' is not github");
        CommonOptions.CheckGiven(JUnit, junit => Directory.Exists(junit) ? $"--junit '{junit}' is a folder; give the path of the XML file to write" : null);
        // Checked before the run: a run whose upload was doomed from the start is minutes wasted in CI.
        CommonOptions.CheckGiven(Publish, publish =>
            !Uri.TryCreate(publish, UriKind.Absolute, out var service) || service.Scheme is not ("http" or "https") ? $"--publish '{publish}' is not an http:// or https:// URL"
            : string.IsNullOrWhiteSpace(variable(PublishCommand.TokenVariable)) ? $"--publish needs an API token in {PublishCommand.TokenVariable} (never on the command line)"
            : null);
    }

    public Option<Uri?> Target { get; } = new("--target", "-t")
    {
        Description = "ws://, wss://, http:// or https:// URL of the target (default: the bundled reference server, started in-process)",
        CustomParser = CommonOptions.UrlParser(["ws", "wss", "http", "https"], text => $"--target '{text}' is not a ws://, wss://, http:// or https:// URL"),
    };

    public Option<string?> Out { get; } = CommonOptions.Out("Folder for results.json (default: out/run-TIMESTAMP)");
    public Option<string?> Report { get; } = new("--report") { Description = "Also write the HTML report site into this folder (the default job writes it into OUT/report)" };
    public Option<string?> RestProfile { get; } = new("--rest-profile") { Description = "Run the REST catalogue against the http(s) --target, described by this profile (YAML)" };
    public Option<bool> RestReadOnly { get; } = new("--rest-readonly") { Description = "REST: run only cases that send safe methods (GET, HEAD, OPTIONS), e.g. against production" };

    public Option<Uri?> Proxy { get; } = new("--proxy")
    {
        Description = "REST: send HttpClient requests through this HTTP proxy",
        CustomParser = CommonOptions.UrlParser(["http", "https"], text => $"--proxy '{text}' is not an http:// URL"),
    };

    public Option<string[]> Cases { get; } = CommonOptions.Cases("Only cases whose id matches this glob (repeatable), e.g. 'ws.frame.*'");
    public Option<string[]> Area { get; } = CommonOptions.Area("Only cases of this area (second id segment; repeatable), e.g. handshake");
    public Option<RequirementLevel[]> Level { get; } = new("--level") { Description = "Only cases of this level (repeatable): must, should, may, informational", CustomParser = ParseLevels };
    public Option<int> Parallel { get; } = new("--parallel") { Description = "Cases run at once (1 = sequential)", DefaultValueFactory = _ => RunOptions.DefaultParallel };
    public Option<int> TimeoutMs { get; } = CommonOptions.TimeoutMs("Per-case timeout from the open connection; grows 1 s per MiB moved", TimeRange);
    public Option<int> SilenceMs { get; } = CommonOptions.SilenceMs(TimeRange);
    public Option<int> Seed { get; } = CommonOptions.Seed("Seed of mask keys, handshake keys and generated payloads");
    public Option<string?> CasesDir { get; } = CommonOptions.CasesDir("Folder of extra case files (marked source: custom)");
    public Option<HttpHeader[]> Header { get; } = new("--header", "-H") { Description = "Extra handshake header 'Name: value' (repeatable); credential values are redacted from every output", CustomParser = ParseHeaders };
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
    public Option<long?> MaxMessage { get; } = new("--max-message") { Description = "The target's declared message size limit in bytes: enables the cases that check it is enforced (1009), skips larger messages and replaces the preflight's inferred limits" };
    public Option<long?> MaxFrame { get; } = new("--max-frame") { Description = "The target's declared frame size limit in bytes: cases with a larger frame are unimplemented without being sent; replaces the preflight's inferred limits" };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only the summary line and the results path" };
    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Print every case as it finishes" };
    public Option<string?> JUnit { get; } = new("--junit") { Description = "Also write the results as JUnit XML to this file (one testcase per case)" };
    public Option<string?> Annotations { get; } = new("--annotations") { Description = "Print CI annotations for fail, error and non-strict cases: github" };
    public Option<string?> Publish { get; } = new("--publish") { Description = $"Upload results.json to this report service once written (token from ${PublishCommand.TokenVariable})" };
    public Option<string?> Baseline { get; } = new("--baseline") { Description = "Exit 1 only on regressions against this baseline file (written by 'baseline write')" };

    public bool CiOutputs { get; }

    /// <summary>The value of an option this set offers to the command; null for the CI outputs on a command without them.</summary>
    public string? CiOutput(ParseResult parse, Option<string?> option) => CiOutputs ? parse.GetValue(option) : null;

    /// <summary>--browser, or chromium when the selection names the browser area (--area browser alone means the browser cases).</summary>
    public string? BrowserOf(SymbolResult parse) =>
        parse.GetValue(Browser) ?? ((parse.GetValue(Area) ?? []).Contains(CaseDefinition.BrowserArea) ? BrowserOptions.Supported[0] : null);

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Target, Out, RestProfile, RestReadOnly, Proxy, Cases, Area, Level, Tier, Parallel, TimeoutMs, SilenceMs, Seed, CasesDir, Header, Origin, Browser, Client, BrowserPath, Subprotocol, Name, ImplVersion, Insecure, CaCert, CloseCodes, MaxMessage, MaxFrame, FailOn, Quiet, Verbose })
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

        command.Validators.Add(Combinations);
    }

    /// <summary>The checks that span options: what a REST profile, a client run and the browser cases need or exclude.</summary>
    private void Combinations(CommandResult result)
    {
        var restProfile = result.GetValue(RestProfile);
        if (restProfile is not null && result.GetResult(Target) is null)
        {
            result.AddError("--rest-profile needs the API's --target http://HOST:PORT");
        }

        if (result.GetValue(Client) is not null && (result.GetResult(Target) is not null || restProfile is not null || result.GetValue(Browser) is not null))
        {
            result.AddError("--client judges a client against the suite's own server: it takes no --target, --rest-profile or --browser");
        }

        if (BrowserOf(result) is not null && restProfile is not null)
        {
            result.AddError("--browser runs against a WebSocket target; it does not go with --rest-profile");
        }
    }

    private static string? OneOfSupported(string option, string browser) =>
        BrowserOptions.Supported.Contains(browser) ? null : $"{option} '{browser}' is not one of {string.Join(", ", BrowserOptions.Supported)}";

    private static RequirementLevel[] ParseLevels(ArgumentResult result)
    {
        var levels = new List<RequirementLevel>();
        foreach (var token in result.Tokens)
        {
            RequirementLevel? level = token.Value switch
            {
                "must" => RequirementLevel.Must,
                "should" => RequirementLevel.Should,
                "may" => RequirementLevel.May,
                "informational" => RequirementLevel.Informational,
                _ => null,
            };
            if (level is null)
            {
                result.AddError($"--level '{token.Value}' is not must, should, may or informational");
                break;
            }

            levels.Add(level.Value);
        }

        return [.. levels];
    }

    private static HttpHeader[] ParseHeaders(ArgumentResult result)
    {
        var headers = new List<HttpHeader>();
        foreach (var line in result.Tokens.Select(t => t.Value))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || line.Any(c => c is '\r' or '\n'))
            {
                result.AddError($"--header '{line}' is not 'Name: value'");
                break;
            }

            headers.Add(new HttpHeader(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return [.. headers];
    }
}
