using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conformance.Suite.Results;

/// <summary>Reads and writes results.json: camelCase members, kebab-case enum words (non-strict).</summary>
public static class ResultsJson
{
    /// <summary>The options every reader and writer of results.json uses.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        MaxDepth = 32,
    };

    /// <summary>Serialises a report.</summary>
    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Writes a report to a file atomically (temp file, then rename), so a reader never sees half a file.</summary>
    public static async Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        await using (var stream = File.Create(temp))
        {
            await JsonSerializer.SerializeAsync(stream, report, Options, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a report; throws <see cref="JsonException"/> on malformed input.</summary>
    public static RunReport Deserialize(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, Options) ?? throw new JsonException("results.json is empty (null).");
}
