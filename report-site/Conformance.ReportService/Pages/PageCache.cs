using System.Collections.Concurrent;
using Conformance.ReportSite;

namespace Conformance.ReportService.Pages;

/// <summary>
/// Report sites rendered by the static site's own writer (the same RazorLight templates), one folder per set of
/// runs, served as files. A site is written into a temporary folder and moved into place whole, so a request never
/// sees half of one; it is written once per key, however many requests ask at the same time. The folders together
/// stay within a byte budget: past it, the sites used least recently go, but never one used within
/// <see cref="Grace"/> (a visitor may be following the redirect to it).
/// </summary>
internal sealed class PageCache
{
    /// <summary>How long a site used last is kept even over the budget.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _writing = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Site> _sites = new(StringComparer.Ordinal);
    // Guards moving a written site into place against Clear and Trim.
    private readonly Lock _trimming = new();
    private int _generation;
    private readonly long _budgetBytes;
    private readonly TimeProvider _clock;

    public PageCache(string root, long budgetBytes, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budgetBytes);
        Root = Path.GetFullPath(root);
        _budgetBytes = budgetBytes;
        _clock = clock;
        // Sites (and staging folders) left by an earlier process are rendered output with no record of their use:
        // start empty rather than count them.
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        Directory.CreateDirectory(Root);
    }

    /// <summary>The folder served under /sites.</summary>
    public string Root { get; }

    /// <summary>Bytes the sites on disk take.</summary>
    public long Bytes => _sites.Values.Sum(s => s.Bytes);

    /// <summary>The keys of the sites on disk.</summary>
    public IReadOnlyCollection<string> Keys => _sites.Keys.ToList();

    /// <summary>Marks site <paramref name="key"/> as used now; false when it is not on disk.</summary>
    public bool Touch(string key)
    {
        if (!_sites.TryGetValue(key, out var site))
        {
            return false;
        }

        site.LastUse = _clock.GetUtcNow();
        return true;
    }

    /// <summary>
    /// The folder of site <paramref name="key"/> (letters, digits and '-' only), written from <paramref name="input"/>
    /// when missing. Older sites whose key starts with <paramref name="family"/> are removed once it is there.
    /// </summary>
    public async Task<string> EnsureAsync(string key, string family, Func<Task<SiteInput>> input, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Root, key);
        if (Touch(key))
        {
            return folder;
        }

        var writing = _writing.GetOrAdd(key, _ => new Lazy<Task<string>>(() => WriteAsync(key, folder, family, input)));
        try
        {
            return await writing.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _writing.TryRemove(key, out _);
        }
    }

    /// <summary>Removes every site: after a deletion, any of them may show the deleted run.</summary>
    public void Clear()
    {
        lock (_trimming)
        {
            _generation++;
            foreach (var key in _sites.Keys)
            {
                Remove(key);
            }
        }
    }

    private async Task<string> WriteAsync(string key, string folder, string family, Func<Task<SiteInput>> input)
    {
        // A Clear while the site was being written may have removed a run it shows: write it again from the store.
        for (var generation = Volatile.Read(ref _generation); ; generation = Volatile.Read(ref _generation))
        {
            var staging = Path.Combine(Root, ".staging-" + Guid.NewGuid().ToString("N"));
            try
            {
                await SiteWriter.WriteAsync(await input(), staging);
                var bytes = new DirectoryInfo(staging).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
                lock (_trimming)
                {
                    if (generation != _generation)
                    {
                        continue;
                    }

                    Directory.Move(staging, folder);
                    _sites[key] = new Site(bytes) { LastUse = _clock.GetUtcNow() };
                    break;
                }
            }
            finally
            {
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }

        foreach (var older in _sites.Keys.Where(k => k.StartsWith(family, StringComparison.Ordinal) && k != key))
        {
            Remove(older);
        }

        Trim();
        return folder;
    }

    private void Trim()
    {
        lock (_trimming)
        {
            var now = _clock.GetUtcNow();
            var over = Bytes - _budgetBytes;
            foreach (var (key, site) in _sites.OrderBy(s => s.Value.LastUse).ToList())
            {
                if (over <= 0 || now - site.LastUse < Grace)
                {
                    break;
                }

                Remove(key);
                over -= site.Bytes;
            }
        }
    }

    private void Remove(string key)
    {
        if (_sites.TryRemove(key, out _))
        {
            var folder = Path.Combine(Root, key);
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private sealed class Site(long bytes)
    {
        private long _lastUseTicks;

        public long Bytes { get; } = bytes;

        // Requests touch a site from many threads; a DateTimeOffset could be read torn.
        public DateTimeOffset LastUse
        {
            get => new(Interlocked.Read(ref _lastUseTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _lastUseTicks, value.UtcTicks);
        }
    }
}
