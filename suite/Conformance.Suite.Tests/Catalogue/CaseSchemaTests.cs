using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Suite.Catalogue;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Conformance.Suite.Tests.Catalogue;

/// <summary>
/// schemas/cases.schema.json, the case file format for editors, describes what the loader reads: every shipped case
/// file validates, and each committed invalid file is rejected by both the schema and the loader.
/// </summary>
[TestFixture]
public sealed partial class CaseSchemaTests
{
    private static readonly string Root = Path.GetDirectoryName(CatalogueLoader.FindBuiltinDirectory(TestContext.CurrentContext.TestDirectory)!)!;

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(Root, "schemas", "cases.schema.json")));

    private static string InvalidFolder => Path.Combine(Root, "suite", "Conformance.Suite.Tests", "Catalogue", "Invalid");

    private static IEnumerable<string> ShippedFiles() =>
        Directory.EnumerateFiles(Path.Combine(Root, "cases"), "*.yaml").Where(f => Path.GetFileName(f) != CatalogueLoader.ManifestFile).Order(StringComparer.Ordinal).Select(Path.GetFileName)!;

    [TestCaseSource(nameof(ShippedFiles))]
    public void Shipped_case_file_follows_the_schema(string file)
    {
        var evaluation = Evaluate(Path.Combine(Root, "cases", file));

        Assert.That(evaluation.IsValid, Is.True, string.Join(Environment.NewLine, Problems(evaluation)));
    }

    [TestCase("unknown-key.yaml", 8, "unknown key 'colour'")]
    [TestCase("wrong-type.yaml", 11, "soon")]
    [TestCase("two-bodies.yaml", 3, "exactly one body, wire, client, rest or browser (found wire and rest)")]
    [TestCase("no-body.yaml", 3, "exactly one body, wire, client, rest or browser (found none)")]
    [TestCase("old-format.yaml", 8, "'steps' and 'expect' beside the id are the old case format: move them under 'wire:' (or 'client:' when the suite is the server)")]
    [TestCase("unknown-step.yaml", 11, "unknown key 'jump'")]
    public void Invalid_case_file_is_rejected_by_the_schema_and_by_the_loader(string file, int line, string messagePart)
    {
        var path = Path.Combine(InvalidFolder, file);
        var builtin = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "conformance-schema-" + Guid.NewGuid().ToString("N"))).FullName;
        var custom = Directory.CreateDirectory(Path.Combine(builtin, "custom")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(builtin, CatalogueLoader.ManifestFile), "version: \"t\"\n");
            File.Copy(path, Path.Combine(custom, file));

            var thrown = Assert.Throws<CatalogueException>(() => CatalogueLoader.Load(builtin, custom));

            Assert.Multiple(() =>
            {
                Assert.That(Evaluate(path).IsValid, Is.False, "the schema accepts it");
                Assert.That(thrown.Errors.Select(e => (Path.GetFileName(e.File), e.Line)), Is.EqualTo(new[] { (file, line) }), thrown.Message);
                Assert.That(thrown.Errors[0].Message, Does.Contain(messagePart), thrown.Message);
            });
        }
        finally
        {
            Directory.Delete(builtin, recursive: true);
        }
    }

    // The schema and the loader's name table must list the same names, so neither drifts from the other.
    [Test]
    public void Schema_lists_the_names_of_the_loaders_table()
    {
        var defs = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "schemas", "cases.schema.json")))!["$defs"]!;
        static IEnumerable<string> Keys(JsonNode node) => node["properties"]!.AsObject().Select(p => p.Key);
        static IEnumerable<string> Enum(JsonNode node) => node["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.Multiple(() =>
        {
            Assert.That(Keys(defs["wireStep"]!), Is.EquivalentTo(CaseVocabulary.StepKinds.NamesFor(CaseKind.Wire)));
            Assert.That(Keys(defs["clientStep"]!), Is.EquivalentTo(CaseVocabulary.StepKinds.NamesFor(CaseKind.Client)));
            Assert.That(Enum(defs["wireStep"]!["properties"]!["expect"]!), Is.EqualTo(CaseVocabulary.ExpectSteps.Names));
            Assert.That(Enum(defs["wireOracle"]!), Is.EqualTo(CaseVocabulary.Oracles.NamesFor(CaseKind.Wire)));
            Assert.That(Enum(defs["clientOracle"]!), Is.EqualTo(CaseVocabulary.Oracles.NamesFor(CaseKind.Client)));
            Assert.That(Enum(defs["browser"]!["properties"]!["scenario"]!), Is.EqualTo(CaseVocabulary.BrowserScenarios.Names));
            Assert.That(Enum(defs["browser"]!["properties"]!["payload"]!), Is.EqualTo(CaseVocabulary.BrowserPayloads.Names));
            Assert.That(Keys(defs["case"]!).Intersect(CaseVocabulary.Bodies.Names), Is.EqualTo(CaseVocabulary.Bodies.Names));
        });
    }

    private static EvaluationResults Evaluate(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var json = JsonSerializer.SerializeToElement(ToJson(stream.Documents[0].RootNode));
        return Schema.Value.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static IEnumerable<string> Problems(EvaluationResults evaluation) =>
        (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));

    // YAML to JSON as the YAML language server sees it (the YAML 1.2 core schema): a plain scalar that reads as a
    // number, boolean or null is one; quoted and block scalars are strings.
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlScalarNode scalar when scalar.Style != ScalarStyle.Plain => JsonValue.Create(scalar.Value),
        YamlScalarNode scalar => Plain(scalar.Value ?? ""),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    private static JsonValue? Plain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex) => JsonValue.Create(hex),
        _ when IntegerPattern().IsMatch(text) => JsonValue.Create(decimal.Parse(text, CultureInfo.InvariantCulture)),
        _ when FloatPattern().IsMatch(text) => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(text),
    };

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
