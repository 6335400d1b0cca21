using Microsoft.Playwright;

namespace Conformance.Interop.Browser;

/// <summary>One headless browser started through Playwright, shared by the cases of a run (each gets its own page).</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    // Quiet switches: no sync, no component updates, no first-run work (recipes for this stack); nothing that limits
    // which hosts the browser may reach, since the target may be any host.
    private static readonly string[] QuietArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-default-apps",
        // A page served under --origin looks public to the browser, and Local Network Access would then block its
        // WebSocket to a target on a private or loopback address (net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS):
        // a check of where the page came from, not of the target's WebSocket.
        "--disable-features=LocalNetworkAccessChecks",
    ];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, string name, string? executablePath, bool ignoreCertificateErrors)
    {
        this.playwright = playwright;
        this.browser = browser;
        Name = name;
        ExecutablePath = executablePath;
        IgnoreCertificateErrors = ignoreCertificateErrors;
    }

    /// <summary>"chromium".</summary>
    public string Name { get; }
    /// <summary>The browser's own version string, e.g. 156.0.8078.108.</summary>
    public string Version => browser.Version;
    /// <summary>The executable started; null when Playwright's own browser was used.</summary>
    public string? ExecutablePath { get; }
    /// <summary>Whether pages accept any certificate.</summary>
    public bool IgnoreCertificateErrors { get; }
    /// <summary>"chromium 156.0.8078.108".</summary>
    public string Description => $"{Name} {Version}";

    /// <exception cref="BrowserUnavailableException">The browser is unknown, missing or does not start.</exception>
    public static async Task<BrowserSession> LaunchAsync(BrowserOptions options, CancellationToken cancellationToken)
    {
        if (!BrowserOptions.Supported.Contains(options.Name, StringComparer.Ordinal))
        {
            throw new BrowserUnavailableException($"--browser {options.Name} is not supported; this build drives {string.Join(", ", BrowserOptions.Supported)}");
        }

        var path = options.ExecutablePath ?? (File.Exists(BrowserOptions.DebianChromium) ? BrowserOptions.DebianChromium : null);
        if (options.ExecutablePath is { } given && !File.Exists(given))
        {
            throw new BrowserUnavailableException($"--browser-path {given} does not exist");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var playwright = await Playwright.CreateAsync();
        try
        {
            string[] arguments = [.. QuietArguments, .. options.IgnoreCertificateErrors ? ["--ignore-certificate-errors"] : Array.Empty<string>(), .. options.ExtraArguments];
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                Args = arguments,
                Timeout = 60_000,
            });
            return new BrowserSession(playwright, browser, options.Name, path, options.IgnoreCertificateErrors);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            var hint = path is null
                ? $"no Chromium at {BrowserOptions.DebianChromium} and Playwright's own browser is not installed: install Debian's chromium (apt-get install -y chromium) or pass --browser-path"
                : $"{path} did not start as Chromium";
            throw new BrowserUnavailableException($"{hint} ({FirstLine(e.Message)})", e);
        }
    }

    /// <summary>A fresh context: no cookies, cache or storage shared with other cases.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = IgnoreCertificateErrors });

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
