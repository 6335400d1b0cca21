using System.Text.RegularExpressions;
using Conformance.Suite.Catalogue;

namespace Conformance.Suite.Tests.Catalogue;

/// <summary>
/// The catalogue is validated on load: the shipped one loads cleanly, and an invalid one never runs, with every
/// error naming its file and line.
/// </summary>
[TestFixture]
public sealed partial class CatalogueLoaderTests
{
    private string root = "";

    [SetUp]
    public void CreateTemporaryFolder()
    {
        root = Path.Combine(Path.GetTempPath(), "conformance-catalogue-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
    }

    [TearDown]
    public void DeleteTemporaryFolder() => Directory.Delete(root, recursive: true);

    // ---- the shipped catalogue ----------------------------------------------------------------------------------

    private static CatalogueSet Shipped()
    {
        var directory = CatalogueLoader.FindBuiltinDirectory(TestContext.CurrentContext.TestDirectory);
        Assert.That(directory, Is.Not.Null, "cases/ with catalogue.yaml above the test folder");
        return CatalogueLoader.Load(directory!);
    }

    [Test]
    public void Shipped_catalogue_loads_without_error()
    {
        var catalogue = Shipped();

        Assert.Multiple(() =>
        {
            Assert.That(catalogue.Version, Is.Not.Empty);
            Assert.That(catalogue.Hash, Does.Match("^sha256:[0-9a-f]{64}$"));
            Assert.That(catalogue.Cases, Is.Not.Empty);
            Assert.That(catalogue.Cases.Select(c => c.Source), Is.All.EqualTo("builtin"));
        });
    }

    [Test]
    public void Shipped_case_ids_are_unique()
    {
        Assert.That(Shipped().Cases.Select(c => c.Id), Is.Unique);
    }

    [Test]
    public void Every_shipped_case_has_a_clause_level_requirement_and_title()
    {
        var clause = ClausePattern();

        Assert.Multiple(() =>
        {
            foreach (var definition in Shipped().Cases)
            {
                Assert.That(clause.IsMatch(definition.Clause), Is.True, $"{definition.Id}: clause '{definition.Clause}'");
                Assert.That(Enum.IsDefined(definition.Level), Is.True, $"{definition.Id}: level");
                Assert.That(definition.Requirement, Is.Not.Empty, $"{definition.Id}: requirement");
                Assert.That(definition.Title, Is.Not.Empty, $"{definition.Id}: title");
            }
        });
    }

    [Test]
    public void Every_shipped_case_lives_in_the_file_of_its_area()
    {
        Assert.Multiple(() =>
        {
            foreach (var definition in Shipped().Cases)
            {
                Assert.That(definition.Origin, Does.StartWith($"{definition.Id.Split('.')[0]}-{definition.Area}.yaml:"), definition.Id);
            }
        });
    }

    [TestCase("handshake", 25)]
    [TestCase("frame", 20)]
    [TestCase("masking", 5)]
    [TestCase("length", 20)]
    public void Shipped_catalogue_covers_each_area_with_enough_cases(string area, int atLeast)
    {
        Assert.That(Shipped().Cases.Count(c => c.Area == area), Is.GreaterThanOrEqualTo(atLeast));
    }

    [Test]
    public void Builtin_directory_is_found_from_a_folder_below_the_checkout()
    {
        var found = CatalogueLoader.FindBuiltinDirectory(TestContext.CurrentContext.TestDirectory);

        Assert.That(File.Exists(Path.Combine(found!, CatalogueLoader.ManifestFile)), Is.True);
    }

    [Test]
    public void Builtin_directory_is_null_when_no_parent_holds_one()
    {
        Assert.That(CatalogueLoader.FindBuiltinDirectory(root), Is.Null.Or.Not.StartWith(root));
    }

    [Test]
    public void Builtin_directory_is_cases_next_to_the_start_folder_first()
    {
        var cases = Directory.CreateDirectory(Path.Combine(root, "cases")).FullName;
        File.WriteAllText(Path.Combine(cases, CatalogueLoader.ManifestFile), "version: \"t\"\n");
        var below = Directory.CreateDirectory(Path.Combine(root, "bin", "Debug")).FullName;

        Assert.That(CatalogueLoader.FindBuiltinDirectory(below), Is.EqualTo(cases));
    }

    // ---- invalid catalogues -------------------------------------------------------------------------------------

    private static string RestCase(string id, string probe, string extra = "") =>
        $$"""
        - id: {{id}}
          title: Probe the API
          requirement: quoted text
          clause: RFC9110 9.1
          level: should
          rest:
            probe: {{probe}}
        {{extra}}
        """;

    [Test]
    public void A_rest_case_names_a_known_probe_and_only_rest_requirements()
    {
        var errors = Errors(Catalogue(("rest-methods.yaml", RestCase("rest.methods.a", "no-such-probe") + RestCase("rest.methods.b", "head-allowed", "  requires: [max-message]\n"))));

        Assert.That(errors.Select(e => (e.Line, e.Message.Contains("probe 'no-such-probe'", StringComparison.Ordinal) || e.Message.Contains("requires 'max-message'", StringComparison.Ordinal))), Is.EqualTo(new[] { (1, true), (8, true) }));
    }

    [Test]
    public void A_rest_body_has_no_websocket_steps_and_a_wire_body_no_probe()
    {
        var rest = RestCase("rest.methods.a", "head-allowed").Replace("    probe: head-allowed\n", "    probe: head-allowed\n    steps:\n      - expect: echo\n", StringComparison.Ordinal);
        var ws = Case("ws.frame.a").Replace("  wire:\n", "  wire:\n    probe: head-allowed\n", StringComparison.Ordinal);
        var errors = Errors(Catalogue(("rest-methods.yaml", rest), ("ws-frame.yaml", ws)));

        Assert.That(errors.Select(e => (Path.GetFileName(e.File), e.Line, e.Message)), Is.EquivalentTo(new[] { ("rest-methods.yaml", 8, "unknown key 'steps'"), ("ws-frame.yaml", 7, "unknown key 'probe'") }));
    }

    [Test]
    public void Two_rest_cases_with_the_same_probe_are_duplicates()
    {
        var errors = Errors(Catalogue(("rest-methods.yaml", RestCase("rest.methods.a", "head-allowed") + RestCase("rest.methods.b", "head-allowed"))));

        AssertSingleError(errors, "rest-methods.yaml", 8, "same handshake, steps, delivery and expectation");
    }

    private static string BrowserCase(string id, string browser) =>
        $$"""
        - id: {{id}}
          title: Run a scenario in the browser
          requirement: quoted text
          clause: RFC6455 5.5.1
          level: must
          browser: {{browser}}

        """;

    [Test]
    public void A_browser_case_has_a_valid_browser_block_and_nothing_of_the_raw_vocabulary()
    {
        var cases = BrowserCase("ws.browser.a", "{ scenario: teleport }")
            + BrowserCase("ws.browser.b", "{ scenario: close, code: 2000 }")
            + BrowserCase("ws.browser.c", "{ scenario: close }")
            + BrowserCase("ws.browser.d", "{ scenario: echo, payload: xml }")
            + BrowserCase("ws.browser.e", "{ scenario: echo, size: 3 }\n  steps:\n    - expect: echo");
        var errors = Errors(Catalogue(("ws-browser.yaml", cases), ("ws-frame.yaml", Case("ws.frame.a", extra: "  browser: { scenario: open }\n"))));

        Assert.That(errors.Select(e => e.Message), Has.Some.Contains("browser scenario 'teleport'")
            .And.Some.Contains("code 2000 is not one close() accepts")
            .And.Some.Contains("the close scenario needs a code")
            .And.Some.Contains("browser payload 'xml'")
            .And.Some.Contains("'steps' beside the id is the old case format")
            .And.Some.Contains("a case has exactly one body, wire, client, rest or browser (found wire and browser)"));
    }

    [Test]
    public void The_shipped_browser_cases_are_browser_cases_of_area_browser()
    {
        var browser = Shipped().Cases.Where(c => c.Kind == CaseKind.Browser).ToList();

        Assert.That(browser, Has.Count.GreaterThanOrEqualTo(26));
        Assert.That(browser.Select(c => (c.Area, c.Body.GetType())), Is.All.EqualTo((CaseDefinition.BrowserArea, typeof(BrowserBody))));
    }

    [Test]
    public void The_body_states_the_kind_whatever_the_id_says()
    {
        var builtin = Catalogue(("ws-frame.yaml", Case("ws.frame.one")));
        var custom = CustomFolder(("mine.yaml", Case("ws.client.looks-like-a-client-case", "b") + RestCase("ws.frame.looks-like-a-wire-case", "head-allowed")));

        var cases = CatalogueLoader.Load(builtin, custom).Cases;

        Assert.Multiple(() =>
        {
            Assert.That(cases.Select(c => c.Kind), Is.EqualTo(new[] { CaseKind.Wire, CaseKind.Wire, CaseKind.Rest }));
            Assert.That(((WireBody)cases[1].Body).Steps.OfType<SendStep>().Single().Frame.Mask, Is.EqualTo(MaskMode.Random), "written as the client");
            Assert.That(((RestBody)cases[2].Body).Probe, Is.EqualTo("head-allowed"));
        });
    }

    [Test]
    public void Old_format_keys_are_reported_with_where_they_now_go()
    {
        var wire = Regex.Replace(Case("ws.frame.one"), "(?m)^  wire:\n", "").Replace("\n    ", "\n  ", StringComparison.Ordinal);
        var rest = RestCase("rest.methods.a", "head-allowed").Replace("  rest:\n    probe:", "  probe:", StringComparison.Ordinal);
        var errors = Errors(Catalogue(("ws-frame.yaml", wire), ("rest-methods.yaml", rest + "  steps: []\n")));

        Assert.That(errors.Select(e => (Path.GetFileName(e.File), e.Line, e.Message)), Is.EquivalentTo(new[]
        {
            ("ws-frame.yaml", 6, "'ws.frame.one': 'steps' and 'expect' beside the id are the old case format: move them under 'wire:' (or 'client:' when the suite is the server)"),
            ("rest-methods.yaml", 6, "'rest.methods.a': 'probe' and 'steps' beside the id are the old case format: move 'probe' under 'rest:' and 'steps' under 'wire:' (or 'client:' when the suite is the server)"),
        }));
    }

    // A valid case of area 'frame' whose behaviour is made distinct by its payload text.
    private static string Case(string id, string text = "a", string extra = "") =>
        $$"""
        - id: {{id}}
          title: Send a text frame
          requirement: quoted text
          clause: RFC6455 5.2
          level: must
        {{extra}}  wire:
            steps:
              - send: { opcode: text, payload: { text: "{{text}}" } }
              - expect: echo
            expect: exchange

        """;

    private string Catalogue(params (string File, string Text)[] files)
    {
        File.WriteAllText(Path.Combine(root, CatalogueLoader.ManifestFile), "version: \"t\"\n");
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(root, file), text);
        }

        return root;
    }

    private string CustomFolder(params (string File, string Text)[] files)
    {
        var custom = Directory.CreateDirectory(Path.Combine(root, "custom")).FullName;
        foreach (var (file, text) in files)
        {
            File.WriteAllText(Path.Combine(custom, file), text);
        }

        return custom;
    }

    private static IReadOnlyList<CatalogueError> Errors(string builtin, string? custom = null)
    {
        var thrown = Assert.Throws<CatalogueException>(() => CatalogueLoader.Load(builtin, custom));
        Assert.That(thrown.Errors, Is.Not.Empty, thrown.Message);
        return thrown.Errors;
    }

    private static void AssertSingleError(IReadOnlyList<CatalogueError> errors, string file, int line, string messagePart)
    {
        Assert.Multiple(() =>
        {
            Assert.That(errors, Has.Count.EqualTo(1), string.Join(Environment.NewLine, errors));
            Assert.That(Path.GetFileName(errors[0].File), Is.EqualTo(file), errors[0].ToString());
            Assert.That(errors[0].Line, Is.EqualTo(line), errors[0].ToString());
            Assert.That(errors[0].Message, Does.Contain(messagePart), errors[0].ToString());
        });
    }

    [Test]
    public void Valid_temporary_catalogue_loads_with_its_version_and_origins()
    {
        var catalogue = CatalogueLoader.Load(Catalogue(("ws-frame.yaml", Case("ws.frame.one", "1") + Case("ws.frame.two", "2"))));

        Assert.Multiple(() =>
        {
            Assert.That(catalogue.Version, Is.EqualTo("t"));
            Assert.That(catalogue.Cases.Select(c => c.Id), Is.EqualTo(new[] { "ws.frame.one", "ws.frame.two" }));
            Assert.That(catalogue.Cases.Select(c => c.Origin), Is.EqualTo(new[] { "ws-frame.yaml:1", "ws-frame.yaml:11" }));
            Assert.That(catalogue.Cases[0].Area, Is.EqualTo("frame"));
        });
    }

    [Test]
    public void Unknown_key_is_reported_at_its_line()
    {
        var text = Case("ws.frame.one", extra: "  colour: red\n");

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 6, "unknown key 'colour'");
    }

    [Test]
    public void Unknown_key_in_one_case_does_not_hide_a_bad_level_in_the_next()
    {
        // The unknown key is the last of its case, after the steps list.
        var text = Case("ws.frame.one", "1").Replace("    expect: exchange\n", "    expect: exchange\n  colour: red\n", StringComparison.Ordinal) +
                   Case("ws.frame.two", "2").Replace("level: must", "level: sometimes", StringComparison.Ordinal);

        var errors = Errors(Catalogue(("ws-frame.yaml", text)));

        Assert.Multiple(() =>
        {
            Assert.That(errors.Select(e => e.Line), Is.EqualTo(new[] { 11, 12 }), string.Join(Environment.NewLine, errors));
            Assert.That(errors.Select(e => e.Message), Has.Some.Contains("unknown key 'colour'"));
            Assert.That(errors.Select(e => e.Message), Has.Some.Contains("level 'sometimes'"));
        });
    }

    [Test]
    public void Unknown_key_before_the_steps_does_not_stop_the_checks_of_the_following_cases()
    {
        // The unknown key comes before a nested list, where recovering by hand would stop at the list's end.
        var text = Case("ws.frame.one", "1", extra: "  colour: red\n") +
                   Case("ws.frame.two", "2").Replace("level: must", "level: sometimes", StringComparison.Ordinal) +
                   Case("ws.frame.three", "3").Replace("clause: RFC6455 5.2", "clause: somewhere", StringComparison.Ordinal);

        var errors = Errors(Catalogue(("ws-frame.yaml", text)));

        Assert.That(errors, Has.Count.EqualTo(3), string.Join(Environment.NewLine, errors));
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains("unknown key 'colour'").And.Some.Contains("level 'sometimes'").And.Some.Contains("clause 'somewhere'"));
    }

    [TestCase("  tags: [a\n", "unclosed")]
    [TestCase("  tags: {a: [1, 2\n", "unclosed")]
    public void Malformed_yaml_is_reported_at_its_line_as_an_invalid_catalogue(string broken, string messagePart)
    {
        var text = Case("ws.frame.one", "1") + Case("ws.frame.two", "2", extra: broken);

        var errors = Errors(Catalogue(("ws-frame.yaml", text)));

        Assert.That(errors, Has.Count.EqualTo(1), string.Join(Environment.NewLine, errors));
        Assert.That(errors[0].Line, Is.GreaterThan(11), errors[0].ToString());
        Assert.That(errors[0].Message, Does.Contain(messagePart).IgnoreCase, errors[0].ToString());
    }

    [Test]
    public void Duplicate_id_across_files_is_reported_at_the_second_case_naming_the_first()
    {
        var builtin = Catalogue(("ws-frame.yaml", Case("ws.frame.one", "1")));
        var custom = CustomFolder(("mine.yaml", Case("ws.frame.zero", "0") + Case("ws.frame.one", "2")));

        var errors = Errors(builtin, custom);

        AssertSingleError(errors, "mine.yaml", 11, "duplicate id 'ws.frame.one'");
        Assert.That(errors[0].Message, Does.Contain("ws-frame.yaml:1"));
    }

    [Test]
    public void Duplicate_id_within_a_file_is_reported_at_the_second_case()
    {
        var text = Case("ws.frame.one", "1") + Case("ws.frame.one", "2");

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 11, "duplicate id 'ws.frame.one'");
    }

    [Test]
    public void Missing_clause_is_reported_at_the_case()
    {
        var text = Case("ws.frame.one", "1") + Case("ws.frame.two", "2").Replace("  clause: RFC6455 5.2\n", "", StringComparison.Ordinal);

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 11, "clause");
    }

    [TestCase("RFC6455")]
    [TestCase("rfc6455 5.2")]
    [TestCase("RFC6455 §5.2")]
    [TestCase("RFC6455 5.")]
    public void Malformed_clause_is_reported(string clause)
    {
        var text = Case("ws.frame.one").Replace("RFC6455 5.2", clause, StringComparison.Ordinal);

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 1, "clause");
    }

    [TestCase("MUST")]
    [TestCase("required")]
    [TestCase("")]
    public void Bad_level_is_reported_at_the_case(string level)
    {
        var text = Case("ws.frame.one").Replace("level: must", $"level: '{level}'", StringComparison.Ordinal);

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 1, "level");
    }

    [TestCase("title")]
    [TestCase("requirement")]
    public void Missing_title_or_requirement_is_reported_at_the_case(string key)
    {
        var text = Regex.Replace(Case("ws.frame.one"), $"  {key}: .*\n", "");

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 1, key);
    }

    [Test]
    public void Step_with_two_kinds_is_reported_at_the_case_naming_the_step()
    {
        var text = Case("ws.frame.one").Replace("      - expect: echo\n", "      - wait: 10\n        raw: \"8100\"\n      - expect: echo\n", StringComparison.Ordinal);

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 1, "step 2: a step has exactly one of");
    }

    [Test]
    public void Unknown_step_kind_is_reported_at_its_line()
    {
        var text = Case("ws.frame.one").Replace("      - expect: echo\n", "      - expect: echo\n      - jump: 10\n", StringComparison.Ordinal);

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 10, "unknown key 'jump'");
    }

    [Test]
    public void Unknown_expect_step_value_is_reported_at_the_case()
    {
        var text = Case("ws.frame.one").Replace("      - expect: echo\n", "      - expect: banana\n      - expect: echo\n", StringComparison.Ordinal);

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 1, "step 2: expect 'banana' is not echo, pong, pong-early, silence or failed");
    }

    [Test]
    public void Unknown_oracle_is_reported_at_the_case()
    {
        var text = Case("ws.frame.one", "1") + Case("ws.frame.two", "2").Replace("    expect: exchange", "    expect: succeed", StringComparison.Ordinal);

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 11, "expect 'succeed'");
    }

    [Test]
    public void Id_in_the_wrong_file_is_reported()
    {
        var text = Case("ws.frame.one", "1") + Case("ws.masking.one", "2");

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 11, "does not belong in ws-frame.yaml");
    }

    [TestCase("ws.frame")]
    [TestCase("ws.frame.Upper")]
    [TestCase("ws.frame.under_score")]
    [TestCase("ws.frame.a.b")]
    public void Malformed_id_is_reported(string id)
    {
        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", Case(id)))), "ws-frame.yaml", 1, "is not of the form");
    }

    [Test]
    public void Two_cases_with_identical_steps_and_expectation_are_reported_at_the_second()
    {
        var text = Case("ws.frame.one", "same") + Case("ws.frame.two", "same").Replace("Send a text frame", "Another title", StringComparison.Ordinal);

        var errors = Errors(Catalogue(("ws-frame.yaml", text)));

        AssertSingleError(errors, "ws-frame.yaml", 11, "same handshake, steps, delivery and expectation");
        Assert.That(errors[0].Message, Does.Contain("'ws.frame.one' (ws-frame.yaml:1)"));
    }

    [Test]
    public void Cases_differing_only_in_delivery_are_not_duplicates()
    {
        var text = Case("ws.frame.one", "same") + Case("ws.frame.two", "same").Replace("  wire:\n", "  wire:\n    delivery: bytewise\n", StringComparison.Ordinal);

        Assert.That(CatalogueLoader.Load(Catalogue(("ws-frame.yaml", text))).Cases, Has.Count.EqualTo(2));
    }

    [Test]
    public void Unterminated_quoted_scalar_is_reported_at_its_line()
    {
        var text = Case("ws.frame.one", "1") + Case("ws.frame.two", "2").Replace("title: Send a text frame", "title: \"Send a text frame", StringComparison.Ordinal);

        var errors = Errors(Catalogue(("ws-frame.yaml", text)));

        AssertSingleError(errors, "ws-frame.yaml", 12, "double-quoted scalar");
    }

    [Test]
    public void Mapping_inside_a_plain_scalar_is_reported_at_its_line()
    {
        var text = Case("ws.frame.one", "1") + "- id: ws.frame.two\n  title: a: b\n";

        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", text))), "ws-frame.yaml", 12, "mapping");
    }

    [Test]
    public void Case_file_that_is_not_a_sequence_is_reported()
    {
        AssertSingleError(Errors(Catalogue(("ws-frame.yaml", "id: ws.frame.one\n"))), "ws-frame.yaml", 1, "sequence");
    }

    [Test]
    public void Errors_of_several_files_are_all_reported()
    {
        var errors = Errors(Catalogue(
            ("ws-frame.yaml", Case("ws.frame.one").Replace("level: must", "level: x", StringComparison.Ordinal)),
            ("ws-masking.yaml", Case("ws.masking.one", "m").Replace("  clause: RFC6455 5.2\n", "", StringComparison.Ordinal))));

        Assert.That(errors.Select(e => Path.GetFileName(e.File)), Is.EquivalentTo(new[] { "ws-frame.yaml", "ws-masking.yaml" }));
    }

    [Test]
    public void Exception_message_lists_every_error_as_file_colon_line()
    {
        var builtin = Catalogue(("ws-frame.yaml", Case("ws.frame.one").Replace("level: must", "level: x", StringComparison.Ordinal)));

        var thrown = Assert.Throws<CatalogueException>(() => CatalogueLoader.Load(builtin));

        Assert.That(thrown.Message, Does.Contain("ws-frame.yaml:1: "));
    }

    [Test]
    public void Custom_folder_cases_are_marked_custom_and_may_use_any_file_name()
    {
        var builtin = Catalogue(("ws-frame.yaml", Case("ws.frame.one", "1")));
        var custom = CustomFolder(("my-cases.yaml", Case("ws.frame.mine", "2")));

        var catalogue = CatalogueLoader.Load(builtin, custom);

        Assert.Multiple(() =>
        {
            Assert.That(catalogue.Cases.Select(c => (c.Id, c.Source)), Is.EqualTo(new[] { ("ws.frame.one", "builtin"), ("ws.frame.mine", "custom") }));
            Assert.That(catalogue.Cases[1].Origin, Is.EqualTo("my-cases.yaml:1"));
        });
    }

    [Test]
    public void Missing_manifest_is_reported()
    {
        File.WriteAllText(Path.Combine(root, "ws-frame.yaml"), Case("ws.frame.one"));

        var thrown = Assert.Throws<CatalogueException>(() => CatalogueLoader.Load(root));

        Assert.That(thrown.Message, Does.Contain(CatalogueLoader.ManifestFile).And.Contain("missing"));
    }

    [Test]
    public void Manifest_without_a_version_is_reported()
    {
        var builtin = Catalogue(("ws-frame.yaml", Case("ws.frame.one")));
        File.WriteAllText(Path.Combine(builtin, CatalogueLoader.ManifestFile), "# no version\n");

        AssertSingleError(Errors(builtin), CatalogueLoader.ManifestFile, 1, "'version' is missing");
    }

    [Test]
    public void Missing_catalogue_folder_is_reported()
    {
        var missing = Path.Combine(root, "nowhere");

        var thrown = Assert.Throws<CatalogueException>(() => CatalogueLoader.Load(missing));

        Assert.That(thrown.Message, Does.Contain(missing).And.Contain("does not exist"));
    }

    [Test]
    public void Missing_custom_folder_is_reported()
    {
        var builtin = Catalogue(("ws-frame.yaml", Case("ws.frame.one")));
        var missing = Path.Combine(root, "no-custom");

        var thrown = Assert.Throws<CatalogueException>(() => CatalogueLoader.Load(builtin, missing));

        Assert.That(thrown.Message, Does.Contain(missing).And.Contain("--cases-dir"));
    }

    // ---- the catalogue hash -------------------------------------------------------------------------------------

    [Test]
    public void Hash_is_stable_when_nothing_changes()
    {
        var builtin = Catalogue(("ws-frame.yaml", Case("ws.frame.one")));

        var first = CatalogueLoader.Load(builtin).Hash;
        var second = CatalogueLoader.Load(builtin).Hash;

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Hash_changes_when_a_case_file_changes()
    {
        var builtin = Catalogue(("ws-frame.yaml", Case("ws.frame.one")));
        var before = CatalogueLoader.Load(builtin).Hash;

        File.AppendAllText(Path.Combine(builtin, "ws-frame.yaml"), "# a comment\n");

        Assert.That(CatalogueLoader.Load(builtin).Hash, Is.Not.EqualTo(before));
    }

    [Test]
    public void Hash_changes_when_a_case_file_is_added()
    {
        var builtin = Catalogue(("ws-frame.yaml", Case("ws.frame.one")));
        var before = CatalogueLoader.Load(builtin).Hash;

        File.WriteAllText(Path.Combine(builtin, "ws-masking.yaml"), Case("ws.masking.one", "m"));

        Assert.That(CatalogueLoader.Load(builtin).Hash, Is.Not.EqualTo(before));
    }

    [Test]
    public void Hash_ignores_line_ending_style_and_folder_location()
    {
        var text = Case("ws.frame.one");
        var lf = CatalogueLoader.Load(Catalogue(("ws-frame.yaml", text))).Hash;
        var elsewhere = Directory.CreateDirectory(Path.Combine(root, "copy")).FullName;
        File.WriteAllText(Path.Combine(elsewhere, CatalogueLoader.ManifestFile), "version: \"t\"\n");
        File.WriteAllText(Path.Combine(elsewhere, "ws-frame.yaml"), text.ReplaceLineEndings("\r\n"));

        Assert.That(CatalogueLoader.Load(elsewhere).Hash, Is.EqualTo(lf));
    }

    [GeneratedRegex(@"^RFC\d+ \d+(\.\d+)*$")]
    private static partial Regex ClausePattern();
}
