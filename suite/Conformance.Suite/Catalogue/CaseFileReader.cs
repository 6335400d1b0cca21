using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Conformance.Suite.Catalogue;

/// <summary>One entry of a case file as written, with the line it starts at.</summary>
internal sealed record CaseEntry(CaseDto Dto, int Line);

/// <summary>
/// Reads the YAML of a case file into one <see cref="CaseDto"/> per entry. A syntax error ends the file (with its
/// line); an entry with an unknown key or in the old format is reported and skipped, so it does not hide the next.
/// </summary>
internal static partial class CaseFileReader
{
    // Built once: building a deserializer per file was a large part of the catalogue's load time, which every command pays.
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .WithTypeConverter(new ExpectConverter())
        .Build();

    /// <summary>Reads the manifest (catalogue.yaml) text.</summary>
    public static CatalogueManifestDto? ReadManifest(string text) => Deserializer.Deserialize<CatalogueManifestDto>(text);

    // Two passes: the YAML events of the whole file first (a syntax error ends the file, with its line), then each
    // entry of the top-level sequence deserialised from its own events.
    public static List<CaseEntry> Read(string path, string text, List<CatalogueError> errors)
    {
        var entries = new List<CaseEntry>();
        var events = new List<ParsingEvent>();
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                events.Add(parser.Current!);
            }
        }
        catch (YamlException e)
        {
            errors.Add(new CatalogueError(path, (int)e.Start.Line, Innermost(e)));
            return entries;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections; the last event read is
            // the closest place we know.
            var line = events.Count == 0 ? 1 : (int)events[^1].End.Line;
            errors.Add(new CatalogueError(path, line, "malformed YAML after this line (an unclosed '[' or '{'?)"));
            return entries;
        }

        var body = events.Where(e => e is not (StreamStart or StreamEnd or DocumentStart or DocumentEnd)).ToList();
        if (body.Count == 0)
        {
            return entries;
        }

        if (body[0] is not SequenceStart || events.Count(e => e is DocumentStart) > 1)
        {
            errors.Add(new CatalogueError(path, (int)body[0].Start.Line, "a case file is one YAML sequence of cases ('- id: ...')"));
            return entries;
        }

        var index = 1;
        while (index < body.Count && body[index] is not SequenceEnd)
        {
            var first = index;
            var depth = 0;
            do
            {
                depth += body[index].NestingIncrease;
                index++;
            }
            while (depth > 0 && index < body.Count);

            var entry = body.GetRange(first, index - first);
            if (OldFormat(entry) is { } old)
            {
                errors.Add(new CatalogueError(path, old.Line, old.Message));
                continue;
            }

            try
            {
                entries.Add(new CaseEntry(Deserializer.Deserialize<CaseDto>(new EventReplay(entry)), (int)entry[0].Start.Line));
            }
            catch (YamlException e)
            {
                errors.Add(new CatalogueError(path, (int)e.Start.Line, Innermost(e)));
            }
        }

        return entries;
    }

    // Case packs written before bodies existed have handshake, steps, expect or probe beside the id: say where they go
    // rather than call each an unknown key.
    private static (int Line, string Message)? OldFormat(List<ParsingEvent> entry)
    {
        var keys = TopLevelKeys(entry);
        var old = keys.Where(k => CaseVocabulary.OldTopLevelKeys.TryGet(k.Key.Value, out _)).ToList();
        if (old.Count == 0)
        {
            return null;
        }

        var id = keys.FirstOrDefault(k => k.Key.Value == "id").Value ?? "";
        var names = old.Select(k => k.Key.Value).ToList();
        var groups = names.GroupBy(name => CaseVocabulary.OldTopLevelKeys.TryGet(name, out var body) ? body : "").ToList();
        var move = groups.Count == 1
            ? $"move {(names.Count == 1 ? "it" : "them")} under {groups[0].Key}"
            : "move " + string.Join(" and ", groups.Select(g => $"{Quoted(g.ToList())} under {g.Key}"));
        return ((int)old[0].Key.Start.Line,
            $"'{id}': {Quoted(names)} beside the id {(names.Count == 1 ? "is" : "are")} the old case format: {move}");
    }

    private static string Quoted(IReadOnlyList<string> names) => CaseVocabulary.And(names.Select(n => $"'{n}'").ToList());

    // The keys of the entry's own mapping (depth 1), with the scalar value of each where it has one.
    private static List<(Scalar Key, string? Value)> TopLevelKeys(List<ParsingEvent> entry)
    {
        var keys = new List<(Scalar, string?)>();
        if (entry.Count == 0 || entry[0] is not MappingStart)
        {
            return keys;
        }

        var index = 1;
        while (index < entry.Count && entry[index] is Scalar key)
        {
            index++;
            var value = index < entry.Count && entry[index] is Scalar scalar ? scalar.Value : null;
            var depth = 0;
            do
            {
                depth += entry[index].NestingIncrease;
                index++;
            }
            while (depth > 0 && index < entry.Count);

            keys.Add((key, value));
        }

        return keys;
    }

    /// <summary>Replays recorded YAML events, so one entry can be deserialised on its own.</summary>
    private sealed class EventReplay(List<ParsingEvent> events) : IParser
    {
        private int position = -1;

        public ParsingEvent? Current => position >= 0 && position < events.Count ? events[position] : null;

        public bool MoveNext() => ++position < events.Count;
    }

    /// <summary>The message of the innermost exception, with YamlDotNet's unknown-property text made plain.</summary>
    public static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        var message = e.Message;
        var unknown = UnknownPropertyPattern().Match(message);
        return unknown.Success ? $"unknown key '{unknown.Groups[1].Value}'" : message;
    }

    [GeneratedRegex(@"Property '([^']+)' not found")]
    private static partial Regex UnknownPropertyPattern();

    // expect: takes either the oracle name alone or a mapping with parameters. The mapping is read as ExpectMap, a
    // type this converter does not accept, so YamlDotNet reads its keys as usual.
    private sealed class ExpectConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(ExpectDto);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) =>
            parser.TryConsume<Scalar>(out var scalar) ? new ExpectMap { Oracle = scalar.Value } : rootDeserializer(typeof(ExpectMap));

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) => serializer(value, typeof(ExpectMap));
    }

    private sealed class ExpectMap : ExpectDto;
}
