using System.Text.Json;
using System.Text.Json.Nodes;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Results;

/// <summary>results.json: the one serialised form every reporter reads, and the verdict words it uses.</summary>
[TestFixture]
public sealed class ResultsJsonTests
{
    private static RunReport SampleReport() => new()
    {
        Run = new RunInfo
        {
            Tool = "conformance 0.1.0",
            Catalogue = new CatalogueInfo { Version = "2026.11.1", Hash = "sha256:00ff" },
            Target = new TargetInfo { Url = "ws://127.0.0.1:9001/echo?token=[redacted]", Server = "fixture/1" },
            Implementation = new ImplementationInfo { Name = "ws", Version = "8.18.0" },
            Seed = 1234,
            Options = new Dictionary<string, string> { ["close-codes"] = "iana", ["timeout"] = "2000" },
            Capabilities = new Dictionary<string, string> { ["echo"] = "yes" },
            Complete = true,
            StartedAt = new DateTimeOffset(2026, 11, 28, 16, 22, 0, TimeSpan.FromHours(1)),
            DurationMs = 1234.5,
        },
        Cases =
        [
            new CaseResult
            {
                Id = "ws.frame.rsv1-on-text",
                Rev = 2,
                Area = "frame",
                Kind = CaseKind.Wire,
                Title = "Send a text frame with RSV1 set",
                Clause = "RFC6455 5.2",
                Level = RequirementLevel.Should,
                Verdict = Verdict.NonStrict,
                Expected = "Close or drop",
                Observed = "echoed",
                Attempts = 2,
                DurationMs = 12.25,
                Metrics = new Dictionary<string, double> { ["bytesOut"] = 17 },
                Annotations = ["server masked a frame"],
                Wire =
                [
                    new WireEvent { T = 0.5, Dir = WireDirection.Out, Kind = WireEventKind.Frame, Opcode = "text", Fin = true, Rsv = 4, Masked = true, Length = 5, Hex = "48656c6c6f", Text = "Hello" },
                    new WireEvent { T = 1.5, Dir = WireDirection.In, Kind = WireEventKind.Eof },
                ],
                Rerun = "conformance run --case ws.frame.rsv1-on-text --seed 1234",
                Source = "custom",
            },
            new CaseResult { Id = "ws.close.normal-closure", Area = "close", Title = "t", Clause = "RFC6455 5.5.1", Verdict = Verdict.Pass },
        ],
    };

    private static JsonNode SerializedSample() => JsonNode.Parse(ResultsJson.Serialize(SampleReport()))!;

    [Test]
    public void NonStrict_verdict_is_written_as_non_strict()
    {
        Assert.That(SerializedSample()["cases"]![0]!["verdict"]!.GetValue<string>(), Is.EqualTo("non-strict"));
    }

    [TestCase(RequirementLevel.Must, "must")]
    [TestCase(RequirementLevel.Should, "should")]
    [TestCase(RequirementLevel.May, "may")]
    [TestCase(RequirementLevel.Informational, "informational")]
    public void Levels_are_written_as_lower_case_words(RequirementLevel level, string word)
    {
        var json = JsonSerializer.Serialize(level, ResultsJson.Options);

        Assert.That(json, Is.EqualTo($"\"{word}\""));
    }

    [Test]
    public void Every_verdict_is_written_with_the_word_of_Verdicts_Word()
    {
        Assert.Multiple(() =>
        {
            foreach (var verdict in Enum.GetValues<Verdict>())
            {
                Assert.That(JsonSerializer.Serialize(verdict, ResultsJson.Options), Is.EqualTo($"\"{Verdicts.Word(verdict)}\""));
            }
        });
    }

    [Test]
    public void Members_are_camel_case()
    {
        var json = SerializedSample();

        Assert.Multiple(() =>
        {
            Assert.That(json.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "schemaVersion", "run", "cases" }));
            Assert.That(json["schemaVersion"]!.GetValue<int>(), Is.EqualTo(RunReport.CurrentSchemaVersion));
            Assert.That(json["run"]!["startedAt"], Is.Not.Null);
            Assert.That(json["run"]!["durationMs"]!.GetValue<double>(), Is.EqualTo(1234.5));
            Assert.That(json["cases"]![0]!["durationMs"], Is.Not.Null);
            Assert.That(json["cases"]![0]!["wire"]![0]!["dir"]!.GetValue<string>(), Is.EqualTo("out"));
            Assert.That(json["cases"]![0]!["wire"]![0]!["kind"]!.GetValue<string>(), Is.EqualTo("frame"));
        });
    }

    [Test]
    public void Null_members_are_left_out()
    {
        var eof = SerializedSample()["cases"]![0]!["wire"]![1]!.AsObject();

        Assert.That(eof.Select(p => p.Key), Is.EquivalentTo(new[] { "t", "dir", "kind" }));
    }

    [Test]
    public void Report_round_trips_through_json()
    {
        var json = ResultsJson.Serialize(SampleReport());

        var back = ResultsJson.Deserialize(json);

        Assert.Multiple(() =>
        {
            Assert.That(ResultsJson.Serialize(back), Is.EqualTo(json));
            Assert.That(back.Run.Catalogue, Is.EqualTo(SampleReport().Run.Catalogue));
            Assert.That(back.Run.StartedAt, Is.EqualTo(SampleReport().Run.StartedAt));
            Assert.That(back.Cases[0].Verdict, Is.EqualTo(Verdict.NonStrict));
            Assert.That(back.Cases[0].Level, Is.EqualTo(RequirementLevel.Should));
            Assert.That(back.Cases[0].Wire[0], Is.EqualTo(SampleReport().Cases[0].Wire[0]));
            Assert.That(back.Cases[1].Source, Is.EqualTo("builtin"));
        });
    }

    [TestCase(CaseKind.Wire, "wire")]
    [TestCase(CaseKind.Client, "client")]
    [TestCase(CaseKind.Rest, "rest")]
    [TestCase(CaseKind.Browser, "browser")]
    public void Kinds_are_written_as_lower_case_words(CaseKind kind, string word)
    {
        Assert.That(JsonSerializer.Serialize(kind, ResultsJson.Options), Is.EqualTo($"\"{word}\""));
    }

    [Test]
    public void A_result_without_a_kind_leaves_it_out_and_an_older_file_without_one_reads_as_none()
    {
        var json = SerializedSample();
        json["cases"]![0]!.AsObject().Remove("kind");

        Assert.Multiple(() =>
        {
            Assert.That(SerializedSample()["cases"]![0]!["kind"]!.GetValue<string>(), Is.EqualTo("wire"));
            Assert.That(SerializedSample()["cases"]![1]!.AsObject().ContainsKey("kind"), Is.False);
            Assert.That(ResultsJson.Deserialize(json.ToJsonString()).Cases[0].Kind, Is.Null);
        });
    }

    [Test]
    public void Integer_enum_values_are_refused_when_reading()
    {
        var json = ResultsJson.Serialize(SampleReport()).Replace("\"non-strict\"", "3", StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => ResultsJson.Deserialize(json));
    }

    [Test]
    public void Null_document_is_refused_when_reading()
    {
        Assert.Throws<JsonException>(() => ResultsJson.Deserialize("null"));
    }

    [Test]
    public async Task Written_file_reads_back_and_leaves_no_temp_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "conformance-tests-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = Path.Combine(directory, "out", "results.json");

            await ResultsJson.WriteAsync(SampleReport(), path);

            Assert.Multiple(() =>
            {
                Assert.That(ResultsJson.Serialize(ResultsJson.Deserialize(File.ReadAllText(path))), Is.EqualTo(ResultsJson.Serialize(SampleReport())));
                Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestCase(Verdict.Pass, "pass")]
    [TestCase(Verdict.Informational, "informational")]
    [TestCase(Verdict.Unimplemented, "unimplemented")]
    [TestCase(Verdict.NonStrict, "non-strict")]
    [TestCase(Verdict.Fail, "fail")]
    [TestCase(Verdict.Error, "error")]
    public void Verdict_word_and_parse_round_trip(Verdict verdict, string word)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Verdicts.Word(verdict), Is.EqualTo(word));
            Assert.That(Verdicts.TryParse(word, out var parsed), Is.True);
            Assert.That(parsed, Is.EqualTo(verdict));
        });
    }

    [Test]
    public void Every_verdict_has_a_distinct_word()
    {
        Assert.That(Enum.GetValues<Verdict>().Select(Verdicts.Word), Is.Unique);
    }

    [TestCase("nonstrict")]
    [TestCase("NonStrict")]
    [TestCase("PASS")]
    [TestCase("")]
    [TestCase("skipped")]
    public void Unknown_or_differently_spelt_verdict_words_do_not_parse(string word)
    {
        Assert.That(Verdicts.TryParse(word, out _), Is.False);
    }

    [TestCase(RequirementLevel.Must, Verdict.Fail)]
    [TestCase(RequirementLevel.Should, Verdict.NonStrict)]
    [TestCase(RequirementLevel.May, Verdict.Informational)]
    [TestCase(RequirementLevel.Informational, Verdict.Informational)]
    public void Violation_verdict_follows_the_requirement_level(RequirementLevel level, Verdict verdict)
    {
        Assert.That(Verdicts.ForViolation(level), Is.EqualTo(verdict));
    }

    [Test]
    public void Verdicts_are_ordered_from_best_to_worst()
    {
        Verdict[] bestToWorst = [Verdict.Pass, Verdict.Informational, Verdict.Unimplemented, Verdict.NonStrict, Verdict.Fail, Verdict.Error];

        Assert.Multiple(() =>
        {
            Assert.That(Enum.GetValues<Verdict>(), Is.EqualTo(bestToWorst));
            Assert.That(bestToWorst, Is.Ordered);
        });
    }
}
