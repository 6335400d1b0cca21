using System.Collections.Concurrent;
using Conformance.ReportSite;

namespace Conformance.ReportService.Pages;

/// <summary>
/// Report sites rendered by the static site's own writer (the same RazorLight templates), one folder per set of
/// runs, served as files. A site is written into a temporary folder and moved into place whole, so a request never
/// sees half of one; it is written once per key, however many requests ask at the same time.
/// </summary>
internal sealed class PageCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _writing = new(StringComparer.Ordinal);

    public PageCache(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The folder served under /sites.</summary>
    public string Root { get; }

    /// <summary>
    /// The folder of site <paramref name="key"/> (letters, digits and '-' only), written from <paramref name="input"/>
    /// when missing. Older sites whose key starts with <paramref name="family"/> are removed once it is there.
    /// </summary>
    public async Task<string> EnsureAsync(string key, string family, Func<Task<SiteInput>> input, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Root, key);
        if (Directory.Exists(folder))
        {
            return folder;
        }

        var writing = _writing.GetOrAdd(key, _ => new Lazy<Task<string>>(() => WriteAsync(folder, family, input)));
        try
        {
            return await writing.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.TryRemove(key, out _);
        }
    }

    /// <summary>Removes every site: after a deletion, any of them may show the deleted run.</summary>
    public void Clear()
    {
        foreach (var site in Directory.EnumerateDirectories(Root))
        {
            Directory.Delete(site, recursive: true);
        }
    }

    private async Task<string> WriteAsync(string folder, string family, Func<Task<SiteInput>> input)
    {
        var staging = Path.Combine(Root, ".staging-" + Guid.NewGuid().ToString("N"));
        await SiteWriter.WriteAsync(await input().ConfigureAwait(false), staging).ConfigureAwait(false);
        Directory.Move(staging, folder);
        foreach (var older in Directory.EnumerateDirectories(Root, family + "*").Where(d => !string.Equals(d, folder, StringComparison.Ordinal)))
        {
            Directory.Delete(older, recursive: true);
        }

        return folder;
    }
}
