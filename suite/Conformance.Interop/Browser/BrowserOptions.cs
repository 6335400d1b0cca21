namespace Conformance.Interop.Browser;

/// <summary>Which browser to drive and how to start it.</summary>
public sealed record BrowserOptions
{
    /// <summary>Debian's Chromium, used when no other path is given and it is installed.</summary>
    public const string DebianChromium = "/usr/bin/chromium";

    /// <summary>The browsers this build can drive.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["chromium"];

    /// <summary>The browser's name, as given to --browser.</summary>
    public string Name { get; init; } = "chromium";
    /// <summary>--browser-path: the executable; null picks Debian's Chromium, then Playwright's own browser.</summary>
    public string? ExecutablePath { get; init; }
    /// <summary>Accept any TLS certificate (--insecure), for wss:// targets with a private certificate.</summary>
    public bool IgnoreCertificateErrors { get; init; }
    /// <summary>More command-line switches (the tests add a host-resolver rule; a run never blocks the target's host).</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}

/// <summary>The browser cannot be started; the message says what to install or pass.</summary>
public sealed class BrowserUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
