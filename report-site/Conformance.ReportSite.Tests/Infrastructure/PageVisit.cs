namespace Conformance.ReportSite.Tests.Infrastructure;

/// <summary>What a page held and did when it was opened: its problems, and facts read from its DOM.</summary>
internal sealed record PageVisit(string Relative, IReadOnlyList<string> Problems, int Scripts, DomFacts Facts)
{
    // Elements the site never writes: finding one means a hostile string became markup.
    private const string InjectedSelector = "script, img, iframe, object, embed, base, form, b";

    private const string ReadFacts = $$"""
        () => ({
          policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
          injected: Array.from(document.querySelectorAll('{{InjectedSelector}}')).map(e => e.outerHTML.slice(0, 120)),
          handlers: Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)
            .filter(a => a.name.toLowerCase().startsWith('on')).map(a => e.tagName.toLowerCase() + '[' + a.name + ']')),
          links: Array.from(document.querySelectorAll('a[href], link[href]')).map(a => a.href),
          text: document.body.innerText,
        })
        """;

    /// <summary>Opens <paramref name="url"/> in <paramref name="page"/> and records what happened there.</summary>
    public static async Task<PageVisit> VisitAsync(WatchedPage page, Uri url, string relative)
    {
        await page.GotoAsync(url);
        var scripts = await page.Page.Locator("script").CountAsync();
        var facts = await page.Page.EvaluateAsync<DomFacts>(ReadFacts);
        return new PageVisit(relative, page.TakeProblems(), scripts, facts!);
    }
}

/// <summary>Facts read from a page's DOM (settable properties and arrays: Playwright builds neither positional records nor interfaces).</summary>
internal sealed record DomFacts
{
    /// <summary>The content of the Content-Security-Policy meta element, or null.</summary>
    public string? Policy { get; init; }
    /// <summary>Elements the site never writes (their markup, cut).</summary>
    public string[] Injected { get; init; } = [];
    /// <summary>Event handler attributes, as "tag[onevent]".</summary>
    public string[] Handlers { get; init; } = [];
    /// <summary>Every link and stylesheet URL, resolved.</summary>
    public string[] Links { get; init; } = [];
    /// <summary>The visible text of the body.</summary>
    public string Text { get; init; } = "";
}
