using System.Text.Json;

namespace Conformance.Suite.Results;

/// <summary>
/// Reads the JSON files named on the command line (a results.json, a baseline). Every way such a file can be
/// wrong — missing, unreadable, not JSON, another schemaVersion, the wrong shape — becomes one message naming
/// the file, which callers report as a usage error (exit 2) instead of crashing.
/// </summary>
public static class InputFile
{
    /// <summary>Largest file read (a full-tier results file with every wire log is a few MiB).</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    // Stricter than the writer's options: a null where the format has none is a malformed file, not a crash later.
    private static readonly JsonSerializerOptions Strict = new(ResultsJson.Options) { RespectNullableAnnotations = true };

    /// <summary>Reads a results file written by run; null (with the problem) when it cannot be used.</summary>
    public static RunReport? ReadResults(string path, out string? problem) =>
        Read<RunReport>(path, "results file", RunReport.CurrentSchemaVersion, root => IsResults(root) ? null : "has no \"run\": it is not the results.json of a run", report =>
            report.Cases.Any(c => c is null) ? "a case is null"
            : report.Cases.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1) is { } twice ? $"case '{twice.Key}' appears twice"
            : null, out problem);

    /// <summary>Whether a JSON document has the shape of results.json (results and baselines share schemaVersion and cases).</summary>
    public static bool IsResults(JsonElement root) => root.TryGetProperty("run", out _);

    /// <summary>
    /// Reads a file of the given schemaVersion. <paramref name="misidentified"/> says (or returns null) when the
    /// document is the other kind of file users mix this one up with; <paramref name="check"/> names what the type
    /// system cannot (null list items, duplicates) or returns null.
    /// </summary>
    public static T? Read<T>(string path, string what, int schemaVersion, Func<JsonElement, string?> misidentified, Func<T, string?> check, out string? problem)
        where T : class
    {
        string text;
        try
        {
            if (new FileInfo(path).Length > MaxBytes)
            {
                problem = $"{what} '{path}' is larger than {MaxBytes / (1024 * 1024)} MiB";
                return null;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problem = $"{what} '{path}' does not exist";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"{what} '{path}' cannot be read: {e.Message}";
            return null;
        }

        try
        {
            // The version is checked first, so a file from a newer conformance gets that message, not a shape error.
            using (var document = JsonDocument.Parse(text))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number)
                {
                    problem = $"{what} '{path}' has no schemaVersion: it is not a {what}";
                    return null;
                }

                if (!version.TryGetInt32(out var found) || found != schemaVersion)
                {
                    problem = $"{what} '{path}' has schemaVersion {version.GetRawText()}; this conformance reads schemaVersion {schemaVersion}";
                    return null;
                }

                if (misidentified(root) is { } other)
                {
                    problem = $"{what} '{path}' {other}";
                    return null;
                }
            }

            var value = JsonSerializer.Deserialize<T>(text, Strict)!;
            problem = check(value) is { } wrong ? $"{what} '{path}' is malformed: {wrong}" : null;
            return problem is null ? value : null;
        }
        catch (JsonException e)
        {
            // The serializer's message names .NET types; where it knows the place, the JSON path says more.
            problem = e.Path is null or "$" ? $"{what} '{path}' is malformed: {e.Message}" : $"{what} '{path}' is malformed: unexpected value at {e.Path} (line {e.LineNumber + 1})";
            return null;
        }
    }
}
