using System.Text.Json.Nodes;
using Conformance.ReportSite.Model;
using Conformance.ReportSite.Tests.Fixtures;
using Conformance.ReportSite.Tests.Infrastructure;
using Conformance.Suite.Results;

namespace Conformance.ReportSite.Tests.Unit;

public sealed class SiteInputTests : FolderPerTest
{
    /// <summary>Results files the report cannot use, each made from a valid one.</summary>
    public static IEnumerable<TestCaseData> Unusable()
    {
        yield return Raw("empty", "");
        yield return Raw("truncated", """{ "schemaVersion": 1, "run": { "tool": "conformance" """);
        yield return Raw("not JSON", "<html><body>502 Bad Gateway</body></html>");
        yield return Raw("null document", "null");
        yield return Raw("a list", "[]");
        yield return Raw("nested too deep", string.Concat(Enumerable.Repeat("""{"a":""", 40)) + "1" + new string('}', 40));
        yield return Edited("newer schemaVersion", r => r["schemaVersion"] = 2);
        yield return Edited("schemaVersion as a word", r => r["schemaVersion"] = "one");
        yield return Edited("null run", r => r["run"] = null);
        yield return Edited("null target url", r => r["run"]!["target"]!["url"] = null);
        yield return Edited("null catalogue", r => r["run"]!["catalogue"] = null);
        yield return Edited("null tool", r => r["run"]!["tool"] = null);
        yield return Edited("null cases", r => r["cases"] = null);
        yield return Edited("a null case", r => r["cases"] = new JsonArray(null, Case(r, 0)));
        yield return Edited("null case id", r => r["cases"]![0]!["id"] = null);
        yield return Edited("null case clause", r => r["cases"]![0]!["clause"] = null);
        yield return Edited("unknown verdict", r => r["cases"]![0]!["verdict"] = "maybe");
        yield return Edited("null metric", r => r["cases"]![0]!["metrics"]!["bytesIn"] = null);
        yield return Edited("missing cases", r => r.Remove("cases"));
        yield return Edited("null wire", r => r["cases"]![0]!["wire"] = null);
        yield return Edited("null observed", r => r["cases"]![0]!["observed"] = null);
        yield return Edited("null metrics", r => r["cases"]![0]!["metrics"] = null);
        yield return Edited("null implementation", r => r["run"]!["implementation"] = null);
        yield return Edited("a case twice", r => r["cases"] = new JsonArray(Case(r, 0), Case(r, 0)));
    }

    [TestCaseSource(nameof(Unusable))]
    public void Unusable_results_file_is_a_site_error_naming_the_file(string content)
    {
        var path = Write(content);
        var error = Assert.Throws<SiteException>(() => SiteInput.ReadResults(path));
        Assert.That(error!.Message, Does.Contain(path));
    }

    [Test]
    public void Missing_results_file_is_a_site_error_naming_the_file()
    {
        var path = Path.Combine(Folder.Parent, "results.json");
        Assert.That(Assert.Throws<SiteException>(() => SiteInput.ReadResults(path))!.Message, Does.Contain(path).And.Contain("does not exist"));
    }

    [Test]
    public void Null_items_inside_lists_and_maps_never_reach_a_page()
    {
        var path = Write(Edited(r =>
        {
            r["cases"]![0]!["annotations"] = new JsonArray(null, "kept");
            r["cases"]![1]!["wire"] = new JsonArray((JsonNode?)null);
            r["run"]!["options"] = new JsonObject { ["timeout"] = null, ["seed"] = "1" };
        }));

        var report = SiteInput.ReadResults(path);

        // Every page model can be built from what was read: no null reaches a template.
        var builder = new SiteBuilder(new SiteInput { Runs = [report], Generator = "g" });
        var target = builder.Targets[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(target.Report.Cases[0].Annotations, Is.EqualTo(Kept));
            Assert.That(target.Report.Cases[1].Wire, Is.Empty);
            Assert.That(builder.Run(target).Options.Select(o => (o.Key, o.Value)), Does.Contain(("timeout", "")).And.Contain(("seed", "1")));
            Assert.That(builder.Cases(target).Select(c => c.Page.Wire.Count), Has.Exactly(report.Cases.Count).Items);
        }
    }

    [Test]
    public void Results_written_by_a_run_are_read_back_unchanged()
    {
        var written = SampleRuns.Build()[1];
        var read = SiteInput.ReadResults(Write(ResultsJson.Serialize(written)));
        Assert.That(ResultsJson.Serialize(read), Is.EqualTo(ResultsJson.Serialize(written)));
    }

    private static readonly string[] Kept = ["kept"];

    private static TestCaseData Raw(string name, string content) => new TestCaseData(content).SetArgDisplayNames(name);

    private static TestCaseData Edited(string name, Action<JsonObject> edit) => Raw(name, Edited(edit));

    private static string Edited(Action<JsonObject> edit)
    {
        var report = JsonNode.Parse(ResultsJson.Serialize(SampleRuns.Build()[1]))!.AsObject();
        edit(report);
        return report.ToJsonString();
    }

    private static JsonNode Case(JsonObject report, int index) => report["cases"]![index]!.DeepClone();

    private string Write(string content)
    {
        var path = Path.Combine(Folder.Parent, "results.json");
        File.WriteAllText(path, content);
        return path;
    }
}
