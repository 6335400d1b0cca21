using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Conformance.Interop.Browser;

/// <summary>
/// Harness pages kept loaded between cases: opening a context and loading the page costs far more than most
/// scenarios, and each case's sockets are closed by the case itself. A page that misbehaved is disposed, not returned.
/// </summary>
internal sealed class HarnessPages(BrowserSession browser, Uri pageUri, Func<IBrowserContext, Task>? prepare = null) : IAsyncDisposable
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentBag<HarnessPage> idle = [];

    /// <summary>An idle page, or a new one in a fresh context (<paramref name="prepare"/> runs before the page loads).</summary>
    public async Task<HarnessPage> TakeAsync()
    {
        if (idle.TryTake(out var page))
        {
            return page;
        }

        var context = await browser.NewContextAsync();
        if (prepare is not null)
        {
            await prepare(context);
        }

        var created = new HarnessPage(context, await context.NewPageAsync());
        await created.Page.GotoAsync(pageUri.ToString(), new PageGotoOptions { Timeout = (float)LoadTimeout.TotalMilliseconds });
        return created;
    }

    /// <summary>Gives a page that behaved back for the next case.</summary>
    public void Return(HarnessPage page) => idle.Add(page);

    public async ValueTask DisposeAsync()
    {
        while (idle.TryTake(out var page))
        {
            await page.DisposeAsync();
        }
    }
}

/// <summary>A loaded harness page in its own context, and the console lines it printed since they were last read.</summary>
internal sealed class HarnessPage : IAsyncDisposable
{
    private const int MaxConsoleLines = 20;
    private readonly ConcurrentQueue<string> console = new();

    public HarnessPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        // Chromium names the reason of a failed handshake only on the console.
        page.Console += (_, message) =>
        {
            if (console.Count < MaxConsoleLines)
            {
                console.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public IReadOnlyList<string> DrainConsole()
    {
        var lines = new List<string>();
        while (console.TryDequeue(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
