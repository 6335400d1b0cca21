using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Conformance.Suite.Catalogue;

/// <summary>The loaded, validated catalogue.</summary>
public sealed record CatalogueSet(string Version, string Hash, IReadOnlyList<CaseDefinition> Cases);

/// <summary>
/// Loads the catalogue folder (and an optional folder of custom case files) and validates it before anything runs:
/// the manifest, every entry (<see cref="CaseFileReader"/>, <see cref="CaseParser"/>), unique ids and no two cases
/// with the same body. Every problem is reported with file and line; one problem makes the whole catalogue invalid.
/// </summary>
public static class CatalogueLoader
{
    /// <summary>The manifest file in the catalogue folder that holds the catalogue version.</summary>
    public const string ManifestFile = "catalogue.yaml";

    // Built once: building a serializer per case was a large part of the catalogue's load time, which every command pays.
    private static readonly ISerializer SignatureSerializer = new SerializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    /// <summary>
    /// Loads the built-in catalogue from <paramref name="builtinDirectory"/> and, optionally, custom case files
    /// (marked source: custom) from <paramref name="customDirectory"/>.
    /// </summary>
    /// <exception cref="CatalogueException">Any file is missing, unreadable or invalid.</exception>
    public static CatalogueSet Load(string builtinDirectory, string? customDirectory = null)
    {
        if (!Directory.Exists(builtinDirectory))
        {
            throw new CatalogueException($"The catalogue folder {builtinDirectory} does not exist.");
        }

        var manifestPath = Path.Combine(builtinDirectory, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new CatalogueException($"{manifestPath} is missing: it holds the catalogue version.");
        }

        var errors = new List<CatalogueError>();
        var version = ReadManifest(manifestPath, errors);
        var files = CaseFiles(builtinDirectory).Select(f => (Path: f, Source: "builtin")).ToList();
        if (customDirectory is not null)
        {
            if (!Directory.Exists(customDirectory))
            {
                throw new CatalogueException($"The case folder {customDirectory} given with --cases-dir does not exist.");
            }

            files.AddRange(CaseFiles(customDirectory).Select(f => (Path: f, Source: "custom")));
        }

        var cases = new List<CaseDefinition>();
        var seenIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var seenSignatures = new Dictionary<string, string>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, source) in files)
        {
            var text = File.ReadAllText(path);
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(path) + "\n" + text.ReplaceLineEndings("\n") + "\n"));
            foreach (var entry in CaseFileReader.Read(path, text, errors))
            {
                var where = $"{Path.GetFileName(path)}:{entry.Line}";
                var definition = CaseParser.Parse(entry, path, source, errors);
                if (definition is null)
                {
                    continue;
                }

                if (seenIds.TryGetValue(definition.Id, out var first))
                {
                    errors.Add(new CatalogueError(path, entry.Line, $"duplicate id '{definition.Id}' (first at {first})"));
                    continue;
                }

                seenIds[definition.Id] = where;
                var signature = Signature(entry.Dto);
                if (seenSignatures.TryGetValue(signature, out var twin))
                {
                    errors.Add(new CatalogueError(path, entry.Line, $"'{definition.Id}' has the same handshake, steps, delivery and expectation as {twin}"));
                    continue;
                }

                seenSignatures[signature] = $"'{definition.Id}' ({where})";
                cases.Add(definition);
            }
        }

        if (errors.Count > 0)
        {
            throw new CatalogueException(errors);
        }

        return new CatalogueSet(version, "sha256:" + Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant(), cases);
    }

    /// <summary>Finds the catalogue folder: <c>cases/</c> next to the binary, else in a parent folder (a source checkout).</summary>
    public static string? FindBuiltinDirectory(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "cases");
            if (File.Exists(Path.Combine(candidate, ManifestFile)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static IEnumerable<string> CaseFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.yaml")
            .Where(f => !string.Equals(Path.GetFileName(f), ManifestFile, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string ReadManifest(string path, List<CatalogueError> errors)
    {
        try
        {
            var manifest = CaseFileReader.ReadManifest(File.ReadAllText(path));
            if (string.IsNullOrWhiteSpace(manifest?.Version))
            {
                errors.Add(new CatalogueError(path, 1, "'version' is missing"));
                return "";
            }

            return manifest.Version;
        }
        catch (YamlException e)
        {
            errors.Add(new CatalogueError(path, (int)e.Start.Line, CaseFileReader.Innermost(e)));
            return "";
        }
    }

    // Two cases that do the same thing and expect the same outcome are one case with two ids. The body is the
    // signature, so the same steps written by the suite as a client (wire) and as a server (client) differ.
    private static string Signature(CaseDto dto) =>
        SignatureSerializer.Serialize(new { dto.Wire, dto.Client, dto.Rest, dto.Browser });
}
