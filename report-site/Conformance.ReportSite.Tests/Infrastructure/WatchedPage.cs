using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Conformance.ReportSite.Tests.Infrastructure;

/// <summary>
/// A page whose every dialog, console error, Content-Security-Policy violation and request to anything but a
/// file: URL is recorded. The report is a self-contained static site with no script, so a clean page records
/// nothing at all. Requests that would leave the machine are aborted as well as recorded.
/// </summary>
internal sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly ConcurrentQueue<string> dialogs = new();
    private readonly ConcurrentQueue<string> consoleErrors = new();
    private readonly ConcurrentQueue<string> policyViolations = new();
    private readonly ConcurrentQueue<string> outsideRequests = new();

    private WatchedPage(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
    }

    /// <summary>The Playwright page.</summary>
    public IPage Page { get; }

    /// <summary>Opens a page in <paramref name="context"/> (which it then owns) and starts watching it.</summary>
    public static async Task<WatchedPage> CreateAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var watched = new WatchedPage(context, page);
        context.Request += (_, request) =>
        {
            if (!IsLocalFile(request.Url))
            {
                watched.outsideRequests.Enqueue(request.Url);
            }
        };
        await context.RouteAsync(url => !IsLocalFile(url), route => route.AbortAsync());
        page.Dialog += (_, dialog) =>
        {
            watched.dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                watched.policyViolations.Enqueue(message.Text);
            }
            else if (message.Type == "error")
            {
                watched.consoleErrors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => watched.consoleErrors.Enqueue("uncaught: " + error);
        return watched;
    }

    /// <summary>Navigates and waits for the load event.</summary>
    public async Task GotoAsync(Uri url)
    {
        var response = await Page.GotoAsync(url.AbsoluteUri);
        Assert.That(response?.Ok ?? true, Is.True, $"{url} did not load");
    }

    /// <summary>What went wrong since the last call, one line each; empty on a clean page.</summary>
    public IReadOnlyList<string> TakeProblems() =>
    [
        .. Drain(dialogs).Select(d => "dialog opened: " + d),
        .. Drain(policyViolations).Select(v => "CSP violation: " + v),
        .. Drain(consoleErrors).Select(e => "console error: " + e),
        .. Drain(outsideRequests).Select(r => "request to a non-file URL: " + r),
    ];

    /// <summary>Fails the test when anything went wrong on the page.</summary>
    public void AssertClean() => Assert.That(TakeProblems(), Is.Empty, $"{Page.Url} is not clean");

    /// <summary>Saves a full-page screenshot under the work directory's screenshots/ and attaches it to the test.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
        return path;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await context.CloseAsync();

    private static bool IsLocalFile(string url) => url.StartsWith("file://", StringComparison.Ordinal);

    private static List<string> Drain(ConcurrentQueue<string> queue)
    {
        var items = new List<string>();
        while (queue.TryDequeue(out var item))
        {
            items.Add(item);
        }

        return items;
    }
}
