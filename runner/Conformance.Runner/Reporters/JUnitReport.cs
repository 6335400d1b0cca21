using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Conformance.Runner.Gate;
using Conformance.Runner.Output;
using Conformance.Suite.Results;

namespace Conformance.Runner.Reporters;

/// <summary><c>--junit FILE</c>: the <see cref="JUnitReport"/> of the run; a file that cannot be written is a usage error.</summary>
internal sealed class JUnitReporter(string path) : IReporter
{
    public async Task<ReporterOutcome> WriteAsync(RunReport report, ReportContext context, CancellationToken cancellationToken)
    {
        try
        {
            await JUnitReport.WriteAsync(report, context.Settings.FailOnNonStrict, path);
            context.Terminal.Line($"junit: {Terminal.Safe(Path.GetFullPath(path))}");
            return ReporterOutcome.Done;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Terminal.Error($"cannot write --junit {path}: {e.Message}");
            return ReporterOutcome.WriteFailed;
        }
    }
}

/// <summary>
/// results.json as JUnit XML for CI test views: one testsuite per area, one testcase per case (classname = area,
/// name = case id). fail → failure, error → error, informational and unimplemented → skipped with the reason,
/// non-strict → passed with a note (a failure under --fail-on non-strict). Everything a target or a case file
/// supplied is stripped of characters XML 1.0 forbids and bounded.
/// </summary>
internal static class JUnitReport
{
    private const int MaxMessage = 300;
    private const int MaxText = 4000;

    private enum Outcome
    {
        Passed,
        Failure,
        Error,
        Skipped,
    }

    public static XDocument Build(RunReport report, bool failOnNonStrict)
    {
        var suites = report.Cases.GroupBy(c => c.Area).Select(area => Suite(report, area.Key, [.. area], failOnNonStrict));
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("testsuites",
                new XAttribute("name", "conformance"),
                Counts(report.Cases, failOnNonStrict),
                new XAttribute("time", Seconds(report.Run.DurationMs)),
                new XAttribute("timestamp", Timestamp(report)),
                suites));
    }

    /// <summary>Writes the document atomically as UTF-8 without a byte order mark (some CI parsers reject one).</summary>
    public static Task WriteAsync(RunReport report, bool failOnNonStrict, string path) =>
        AtomicFile.WriteAsync(path, async stream =>
        {
            await using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Async = true, Indent = true, Encoding = new UTF8Encoding(false) });
            await Build(report, failOnNonStrict).SaveAsync(writer, CancellationToken.None);
        });

    private static XElement Suite(RunReport report, string area, IReadOnlyList<CaseResult> cases, bool failOnNonStrict) =>
        new("testsuite",
            new XAttribute("name", Xml(area)),
            Counts(cases, failOnNonStrict),
            // Cases run in parallel, so the sum of their times exceeds the wall time; it is still each area's cost.
            new XAttribute("time", Seconds(cases.Sum(c => c.DurationMs))),
            new XAttribute("timestamp", Timestamp(report)),
            Properties(report.Run),
            cases.Select(c => Case(c, failOnNonStrict)));

    private static XElement Properties(RunInfo run)
    {
        var properties = new List<(string Name, string? Value)>
        {
            ("tool", run.Tool),
            ("catalogue.version", run.Catalogue.Version),
            ("catalogue.hash", run.Catalogue.Hash),
            ("target", run.Target.Url),
            ("target.server", run.Target.Server),
            ("implementation.name", run.Implementation.Name),
            ("implementation.version", run.Implementation.Version),
            ("seed", run.Seed.ToString(CultureInfo.InvariantCulture)),
            ("complete", run.Complete ? "true" : "false"),
        };
        return new XElement("properties", properties.Where(p => p.Value is not null).Select(p =>
            new XElement("property", new XAttribute("name", p.Name), new XAttribute("value", Xml(p.Value, MaxMessage)))));
    }

    private static XElement Case(CaseResult result, bool failOnNonStrict)
    {
        var element = new XElement("testcase",
            new XAttribute("classname", Xml(result.Area)),
            new XAttribute("name", Xml(result.Id)),
            new XAttribute("time", Seconds(result.DurationMs)));
        var word = Verdicts.Word(result.Verdict);
        var message = Xml($"{word} ({result.Clause}): {result.Observed}", MaxMessage);
        var outcome = Classify(result.Verdict, failOnNonStrict);
        if (outcome is Outcome.Failure or Outcome.Error)
        {
            element.Add(new XElement(outcome == Outcome.Failure ? "failure" : "error",
                new XAttribute("message", message), new XAttribute("type", word), Details(result)));
        }
        else if (outcome == Outcome.Skipped)
        {
            element.Add(new XElement("skipped", new XAttribute("message", message)));
        }

        var notes = new List<string>();
        if (outcome == Outcome.Passed && result.Verdict == Verdict.NonStrict)
        {
            notes.Add("non-strict: a SHOULD was violated; passed (a failure under --fail-on non-strict)\n" + Details(result));
        }

        notes.AddRange(result.Annotations.Select(a => "annotation: " + Xml(a, MaxMessage)));
        if (notes.Count > 0)
        {
            element.Add(new XElement("system-out", string.Join("\n", notes)));
        }

        return element;
    }

    private static string Details(CaseResult result) => Xml(
        $"{result.Title}\nclause: {result.Clause} ({result.Level.ToString().ToLowerInvariant()})\nexpected: {result.Expected}\nobserved: {result.Observed}\nre-run: {result.Rerun}",
        MaxText);

    private static Outcome Classify(Verdict verdict, bool failOnNonStrict) => verdict switch
    {
        Verdict.Error => Outcome.Error,
        Verdict.Informational or Verdict.Unimplemented => Outcome.Skipped,
        _ when ExitCodes.Fails(verdict, failOnNonStrict) => Outcome.Failure,
        _ => Outcome.Passed,
    };

    private static XAttribute[] Counts(IReadOnlyCollection<CaseResult> cases, bool failOnNonStrict)
    {
        var outcomes = cases.Select(c => Classify(c.Verdict, failOnNonStrict)).ToList();
        return
        [
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", outcomes.Count(o => o == Outcome.Failure)),
            new XAttribute("errors", outcomes.Count(o => o == Outcome.Error)),
            new XAttribute("skipped", outcomes.Count(o => o == Outcome.Skipped)),
        ];
    }

    private static string Seconds(double milliseconds) => (milliseconds / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    // JUnit's schema has timestamps without a zone; they are UTC.
    private static string Timestamp(RunReport report) => report.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// Drops every character XML 1.0 forbids (controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF)
    /// and cuts at <paramref name="max"/> characters with "…", so target text can never make the file unparsable.
    /// </summary>
    private static string Xml(string? text, int max = MaxMessage)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, max + 1));
        for (var i = 0; i < text.Length; i++)
        {
            if (builder.Length >= max)
            {
                return builder.Append('…').ToString();
            }

            if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text, i++, 2);
            }
        }

        return builder.ToString();
    }
}
