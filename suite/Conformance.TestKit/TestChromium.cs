namespace Conformance.TestKit;

/// <summary>
/// How tests launch Chromium: Debian's package (Playwright's own download is neither wanted nor reachable), told not to
/// resolve any host name but the loopback, so a page that tries to reach the network fails instead of leaving the machine.
/// </summary>
public static class TestChromium
{
    /// <summary>Where Debian's chromium package puts its launcher.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>No lookups of outside names during tests.</summary>
    public const string LoopbackOnly = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost";

    /// <summary>The flags of a quiet headless Chromium in a container, ending with <see cref="LoopbackOnly"/>.</summary>
    public static IReadOnlyList<string> Flags { get; } =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", LoopbackOnly,
    ];
}
