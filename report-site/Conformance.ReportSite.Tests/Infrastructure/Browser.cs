using Microsoft.Playwright;

namespace Conformance.ReportSite.Tests.Infrastructure;

/// <summary>One Playwright driver and one headless Debian Chromium, launched as <see cref="TestChromium"/> says, for a test fixture.</summary>
internal sealed class Browser : IAsyncDisposable
{
    /// <summary>A desktop window.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    /// <summary>A phone held upright (iPhone 12 to 15 in CSS pixels).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    /// <summary>Starts Chromium; a machine without it fails the test (CI installs it), it never skips it.</summary>
    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(TestChromium.ExecutablePath))
        {
            Assert.Fail($"{TestChromium.ExecutablePath} is missing: the browser tests need Debian's Chromium. Install it with: apt-get install -y chromium");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = TestChromium.ExecutablePath, Headless = true, Args = TestChromium.Flags });
            return new Browser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh page in its own context, watched from before its first request, showing <paramref name="url"/>.</summary>
    public async Task<WatchedPage> OpenAsync(Uri url, ViewportSize? viewport = null)
    {
        var page = await WatchedPage.CreateAsync(await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? Desktop }));
        await page.GotoAsync(url);
        return page;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
    }
}
