using System.Collections.Concurrent;
using System.Text;

namespace Conformance.ReportSite.Writing;

/// <summary>
/// The output folder of a site. Every write goes through <see cref="WriteAsync(string, string, CancellationToken)"/>, which
/// accepts only plain relative names and checks the resolved path is inside the folder, so nothing a results file
/// contains can place a file elsewhere. A marker file lists what the last site wrote, so regenerating replaces
/// exactly those files and a folder that is not a site is never emptied.
/// </summary>
internal sealed class SiteFolder
{
    /// <summary>Name of the marker file that lists the files of the site.</summary>
    public const string MarkerFile = ".conformance-site";

    private readonly string root;
    private readonly ConcurrentDictionary<string, byte> written = new(StringComparer.Ordinal);

    private SiteFolder(string root) => this.root = root;

    /// <summary>The full path of the folder.</summary>
    internal string Root => root;

    /// <summary>How many files were written.</summary>
    internal int FileCount => written.Count;

    /// <summary>Why a site cannot be written into <paramref name="path"/>, or null when it can; checked before a run starts.</summary>
    internal static string? Problem(string path)
    {
        var root = Path.GetFullPath(path);
        return File.Exists(root) ? $"the site folder '{path}' is a file"
            : Directory.Exists(root) && !File.Exists(Path.Combine(root, MarkerFile)) && Directory.EnumerateFileSystemEntries(root).Any()
                ? $"the site folder '{path}' is not empty and holds no earlier report; choose an empty or new folder"
                : null;
    }

    /// <summary>Creates the folder, or clears the previous site in it; refuses a non-empty folder that is not a site.</summary>
    internal static SiteFolder Prepare(string path)
    {
        if (Problem(path) is { } problem)
        {
            throw new SiteException(problem);
        }

        var root = Path.GetFullPath(path);
        var marker = Path.Combine(root, MarkerFile);
        if (File.Exists(marker))
        {
            var previousSite = new SiteFolder(root);
            var folders = new HashSet<string>(StringComparer.Ordinal);
            foreach (var relative in File.ReadAllLines(marker))
            {
                if (previousSite.TryResolve(relative, out var previous) && File.Exists(previous))
                {
                    File.Delete(previous);
                    folders.Add(Path.GetDirectoryName(previous)!);
                }
            }

            // Folders the old site made and that are empty now go too (deepest first); anything the user put there stays.
            foreach (var emptied in folders.Where(f => f != root).OrderByDescending(f => f.Length))
            {
                for (var folder = emptied; folder != root && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any(); folder = Path.GetDirectoryName(folder)!)
                {
                    Directory.Delete(folder);
                }
            }
        }

        Directory.CreateDirectory(root);
        return new SiteFolder(root);
    }

    /// <summary>Writes a UTF-8 text file.</summary>
    internal Task WriteAsync(string relative, string content, CancellationToken cancellationToken) =>
        WriteAsync(relative, Encoding.UTF8.GetBytes(content), cancellationToken);

    /// <summary>Writes a file.</summary>
    internal async Task WriteAsync(string relative, byte[] content, CancellationToken cancellationToken)
    {
        if (!TryResolve(relative, out var full))
        {
            throw new InvalidOperationException($"refused to write '{relative}': not a plain path inside the site");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, content, cancellationToken);
        written[relative] = 0;
    }

    /// <summary>Records what this site wrote, for the next regeneration.</summary>
    internal Task FinishAsync(CancellationToken cancellationToken) =>
        File.WriteAllLinesAsync(Path.Combine(root, MarkerFile), written.Keys.Order(StringComparer.Ordinal), cancellationToken);

    private bool TryResolve(string relative, out string full)
    {
        full = "";
        if (!SafeNames.IsPlainRelativePath(relative))
        {
            return false;
        }

        full = Path.GetFullPath(Path.Combine(root, relative));
        return full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
