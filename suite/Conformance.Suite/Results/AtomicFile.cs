namespace Conformance.Suite.Results;

/// <summary>
/// Writes output files atomically (a temp file beside the target, then a rename), so a reader — or a CI step
/// uploading the file — never sees half a file, and a failed write leaves the previous file intact.
/// </summary>
public static class AtomicFile
{
    /// <summary>Creates the folder if needed, lets <paramref name="write"/> fill the temp file, then renames it over <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var stream = File.Create(temp))
            {
                await write(stream);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
