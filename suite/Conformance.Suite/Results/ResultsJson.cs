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
    public static Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, stream => JsonSerializer.SerializeAsync(stream, report, Options, cancellationToken));

    /// <summary>Reads a report; throws <see cref="JsonException"/> on malformed input.</summary>
    public static RunReport Deserialize(string json) =>
        JsonSerializer.Deserialize<RunReport>(json, Options) ?? throw new JsonException("results.json is empty (null).");
}
