using Conformance.Interop.Browser;

namespace Conformance.Interop.Tests.Infrastructure;

/// <summary>Debian's Chromium with the tests' host-resolver rule: no lookups of outside names during tests.</summary>
internal static class TestBrowser
{
    public static BrowserOptions Options { get; } = new()
    {
        ExtraArguments = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"],
    };
}
