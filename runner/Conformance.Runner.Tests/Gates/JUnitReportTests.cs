using System.Xml.Linq;
using Conformance.Runner.Reporters;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Gates;

/// <summary>results → JUnit XML: which element each verdict becomes, the counts, the properties, and hostile text.</summary>
[TestFixture]
public sealed class JUnitReportTests
{
    private static XElement Root(RunReport report, bool failOnNonStrict = false) => JUnitReport.Build(report, failOnNonStrict).Root!;

    private static XElement TestCase(XElement root, string id) => root.Descendants("testcase").Single(t => (string?)t.Attribute("name") == id);

    private static (string Tests, string Failures, string Errors, string Skipped) Counts(XElement element) =>
        ((string)element.Attribute("tests")!, (string)element.Attribute("failures")!, (string)element.Attribute("errors")!, (string)element.Attribute("skipped")!);

    [Test]
    public void Each_area_is_a_testsuite_and_each_case_a_testcase_named_by_its_id_with_the_area_as_classname()
    {
        var root = Root(Samples.OneOfEachVerdict());

        Assert.That(root.Name.LocalName, Is.EqualTo("testsuites"));
        Assert.That(root.Elements("testsuite").Select(s => (string?)s.Attribute("name")), Is.EqualTo(new[] { "frame", "close" }));
        Assert.That(root.Descendants("testcase").Select(t => ((string?)t.Attribute("classname"), (string?)t.Attribute("name"))), Is.EqualTo(new[]
        {
            ("frame", "ws.frame.passes"), ("frame", "ws.frame.fails"), ("frame", "ws.frame.non-strict"),
            ("close", "ws.close.errors"), ("close", "ws.close.informational"), ("close", "ws.close.unimplemented"),
        }));
        Assert.That((string?)TestCase(root, "ws.frame.fails").Attribute("time"), Is.EqualTo("0.250"));
    }

    [TestCase("ws.frame.passes", new string[0])]
    [TestCase("ws.frame.fails", new[] { "failure" })]
    [TestCase("ws.frame.non-strict", new[] { "system-out" })]
    [TestCase("ws.close.errors", new[] { "error" })]
    [TestCase("ws.close.informational", new[] { "skipped" })]
    [TestCase("ws.close.unimplemented", new[] { "skipped" })]
    public void Each_verdict_becomes_its_junit_element(string id, string[] elements)
    {
        Assert.That(TestCase(Root(Samples.OneOfEachVerdict()), id).Elements().Select(e => e.Name.LocalName), Is.EqualTo(elements));
    }

    [Test]
    public void A_failure_carries_the_verdict_clause_expected_observed_and_rerun()
    {
        var failure = TestCase(Root(Samples.OneOfEachVerdict()), "ws.frame.fails").Element("failure")!;

        Assert.That((string?)failure.Attribute("type"), Is.EqualTo("fail"));
        Assert.That((string?)failure.Attribute("message"), Is.EqualTo("fail (RFC6455 5.2): observed for ws.frame.fails"));
        Assert.That(failure.Value, Does.Contain("clause: RFC6455 5.2 (must)")
            .And.Contain("expected: the server fails the connection")
            .And.Contain("observed: observed for ws.frame.fails")
            .And.Contain("re-run: ./run.sh run --cases ws.frame.fails --seed 6455"));
    }

    [Test]
    public void Error_is_an_error_and_skipped_cases_give_the_observed_reason()
    {
        var root = Root(Samples.OneOfEachVerdict());

        Assert.That((string?)TestCase(root, "ws.close.errors").Element("error")!.Attribute("type"), Is.EqualTo("error"));
        Assert.That((string?)TestCase(root, "ws.close.unimplemented").Element("skipped")!.Attribute("message"), Is.EqualTo("unimplemented (RFC6455 5.2): the target does not echo"));
    }

    [Test]
    public void Non_strict_passes_with_a_note_unless_fail_on_non_strict_makes_it_a_failure()
    {
        var lenient = TestCase(Root(Samples.OneOfEachVerdict()), "ws.frame.non-strict");
        var strict = Root(Samples.OneOfEachVerdict(), failOnNonStrict: true);

        Assert.That(lenient.Element("system-out")!.Value, Does.StartWith("non-strict: a SHOULD was violated").And.Contain("observed: observed for ws.frame.non-strict"));
        Assert.That((string?)TestCase(strict, "ws.frame.non-strict").Element("failure")!.Attribute("type"), Is.EqualTo("non-strict"));
        Assert.That(Counts(strict), Is.EqualTo(("6", "2", "1", "2")));
    }

    [Test]
    public void Testsuites_count_tests_failures_errors_and_skipped_and_carry_the_time()
    {
        var root = Root(Samples.OneOfEachVerdict());
        var suites = root.Elements("testsuite").ToList();

        Assert.That(Counts(root), Is.EqualTo(("6", "1", "1", "2")));
        Assert.That(Counts(suites[0]), Is.EqualTo(("3", "1", "0", "0")));
        Assert.That(Counts(suites[1]), Is.EqualTo(("3", "0", "1", "2")));
        Assert.That((string?)root.Attribute("time"), Is.EqualTo("1.500"), "the run's wall time");
        Assert.That((string?)suites[0].Attribute("time"), Is.EqualTo("0.750"), "the sum of the area's cases");
        Assert.That((string?)suites[0].Attribute("timestamp"), Is.EqualTo("2026-11-28T16:22:00"));
    }

    [Test]
    public void Every_testsuite_has_the_properties_tool_catalogue_target_and_seed()
    {
        foreach (var suite in Root(Samples.OneOfEachVerdict()).Elements("testsuite"))
        {
            var properties = suite.Element("properties")!.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
            Assert.That(properties, Does.ContainKey("tool").WithValue("conformance 0.1.0")
                .And.ContainKey("catalogue.version").WithValue("2026.11.2")
                .And.ContainKey("catalogue.hash").WithValue("sha256:abcd")
                .And.ContainKey("target").WithValue("ws://127.0.0.1:9001/echo")
                .And.ContainKey("seed").WithValue("6455"));
        }
    }

    [Test]
    public async Task Characters_illegal_in_xml_are_stripped_from_target_text_and_the_file_parses()
    {
        var report = Samples.OneOfEachVerdict(Samples.Hostile);
        report = report with { Cases = [.. report.Cases.Select(c => c.Id == "ws.frame.fails" ? c with { Annotations = ["note \u0001\u0008 here"] } : c)] };
        var path = Path.Combine(Path.GetTempPath(), $"conformance-junit-{Guid.NewGuid():N}.xml");
        try
        {
            await JUnitReport.WriteAsync(report, failOnNonStrict: false, path);
            var failing = TestCase(XDocument.Load(path).Root!, "ws.frame.fails");
            var text = failing.Element("failure")!.Value + (string?)failing.Element("failure")!.Attribute("message") + failing.Element("system-out")!.Value;

            Assert.That(text, Does.Contain("a|b `tick` <script>x</script>").And.Contain("note  here"));
            Assert.That(text.Where(c => c is '\u0000' or '\u0001' or '\u0008' or '\u001b' or '\uFFFE' || char.IsSurrogate(c)), Is.Empty);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Long_target_text_is_bounded()
    {
        var failure = TestCase(Root(Samples.OneOfEachVerdict(new string('x', 100_000))), "ws.frame.fails").Element("failure")!;

        Assert.That(((string)failure.Attribute("message")!).Length, Is.LessThanOrEqualTo(301));
        Assert.That(failure.Value.Length, Is.LessThanOrEqualTo(4001));
        Assert.That(failure.Value, Does.EndWith("…"));
    }
}
