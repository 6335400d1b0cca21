using System.Globalization;
using System.Text;
using Conformance.ReportSite.Writing;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.ReportSite.Model;

/// <summary>
/// Builds the page models from results files and the catalogue. It only reads verdicts; it never decides one.
/// Every text that came from a results file is bounded here; the templates encode it.
/// </summary>
internal sealed class SiteBuilder
{
    private const string Top = "";
    private const string TwoDown = "../../";

    private readonly SiteInput input;
    private readonly List<CatalogueLine> catalogue;
    private readonly Dictionary<string, string> requirements;

    public SiteBuilder(SiteInput input)
    {
        this.input = input;
        Targets = input.Runs.Select(Bounded).Select((report, index) => new SiteTarget
        {
            Slug = $"t{index + 1}-{SafeNames.Hash(Identity(report), 10)}",
            Label = Untrusted.Bound(LabelOf(report), Untrusted.MaxLabel),
            Report = report,
            Cases = report.Cases.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal),
            Links = input.RunLinks.ElementAtOrDefault(index) ?? [],
        }).ToList();
        catalogue = BuildCatalogue();
        requirements = catalogue.DistinctBy(c => c.Id).ToDictionary(c => c.Id, c => c.Requirement, StringComparer.Ordinal);
    }

    public IReadOnlyList<SiteTarget> Targets { get; }

    public MatrixPage Matrix(IReadOnlyList<Link> comparisons) => new()
    {
        Title = Untrusted.Bound(input.Title, Untrusted.MaxLabel),
        Root = Top,
        Section = "matrix",
        Generator = input.Generator,
        Navigation = input.Navigation,
        Targets = Targets,
        TargetCounts = Targets.Select(t => VerdictCounts.Of(t.Report.Cases)).ToList(),
        TargetChart = new BarChart("Pass rate per target", Targets.Select(t => BarOf(t.Label, t.Report.Cases, t.Href)).ToList()),
        // The matrix shows what was run; the catalogue page lists every case.
        Areas = catalogue.Where(c => Targets.Any(t => t.Cases.ContainsKey(c.Id))).GroupBy(c => c.Area).Select(area => new MatrixArea(
            area.Key,
            "area-" + SafeNames.ForArea(area.Key),
            Targets.Select(t => BarOf(t.Label, area.Select(c => t.Cases.GetValueOrDefault(c.Id)).OfType<CaseResult>(), null)).ToList(),
            area.Select(line => new MatrixRow(
                line.Id,
                line.Title,
                line.Level,
                line.ClauseLink,
                $"catalogue.html#{line.Anchor}",
                Targets.Select(t => t.Cases.TryGetValue(line.Id, out var result) ? new MatrixCell(result.Verdict, t.CaseHref(SafeNames.ForCase(line.Id))) : null).ToList())).ToList())).ToList(),
        Comparisons = comparisons,
    };

    public RunPage Run(SiteTarget target)
    {
        var run = target.Report.Run;
        var facts = new List<KeyValuePair<string, string>>
        {
            new("Implementation", string.Join(" ", new[] { run.Implementation.Name, run.Implementation.Version }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } impl ? impl : "(not named)"),
            new("Target", run.Target.Url),
            new("Server header", run.Target.Server ?? "(none)"),
            new("Tool", run.Tool),
            new("Catalogue", $"{run.Catalogue.Version} ({run.Catalogue.Hash})"),
            new("Seed", run.Seed.ToString(CultureInfo.InvariantCulture)),
            new("Started", run.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            new("Duration", $"{run.DurationMs / 1000:0.0} s"),
            new("Complete", run.Complete ? "yes" : "no: the run was interrupted; only the cases that finished are shown"),
            new("Cases", target.Report.Cases.Count.ToString(CultureInfo.InvariantCulture)),
        };
        var provenance = input.Provenance.ElementAtOrDefault(Targets.ToList().IndexOf(target)) ?? [];
        facts.InsertRange(0, provenance.Select(f => new KeyValuePair<string, string>(Untrusted.Bound(f.Key, Untrusted.MaxLabel), Untrusted.Bound(f.Value, Untrusted.MaxLabel))));
        return new RunPage
        {
            Title = $"Run: {target.Label}",
            Root = TwoDown,
            Section = "matrix",
            Generator = input.Generator,
            Navigation = input.Navigation,
            Target = target,
            Facts = facts,
            Options = run.Options.OrderBy(o => o.Key, StringComparer.Ordinal).ToList(),
            Capabilities = run.Capabilities.OrderBy(o => o.Key, StringComparer.Ordinal).ToList(),
            Counts = VerdictCounts.Of(target.Report.Cases),
            AreaChart = new BarChart("Pass rate per area", target.Report.Cases.GroupBy(c => c.Area).Select(g => BarOf(g.Key, g, $"{TwoDown}index.html#area-{SafeNames.ForArea(g.Key)}")).ToList()),
            Cases = target.Report.Cases
                .OrderByDescending(c => c.Verdict)
                .Select(c => new CaseLine(c.Id, c.Title, c.Verdict, Clauses.Link(c.Clause, TwoDown), SafeNames.ForCase(c.Id) + ".html", Untrusted.Bound(c.Observed, 300)))
                .ToList(),
        };
    }

    public IEnumerable<(string File, CasePage Page)> Cases(SiteTarget target)
    {
        var results = target.Report.Cases.DistinctBy(c => c.Id).ToList();
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var requirement = result.Requirement is { Length: > 0 } own ? own : requirements.GetValueOrDefault(result.Id, "");
            var file = SafeNames.ForCase(result.Id);
            yield return (file, new CasePage
            {
                Title = $"{result.Id} · {target.Label}",
                Root = TwoDown,
                Section = "matrix",
                Generator = input.Generator,
                Navigation = input.Navigation,
                Target = target,
                Result = result,
                Requirement = requirement,
                Clause = Clauses.Link(result.Clause, TwoDown),
                Request = FirstHead(result, WireDirection.Out),
                Response = FirstHead(result, WireDirection.In),
                Wire = result.Wire.Select(WireRowOf).ToList(),
                Previous = i > 0 ? new Link(results[i - 1].Id, SafeNames.ForCase(results[i - 1].Id) + ".html") : null,
                Next = i + 1 < results.Count ? new Link(results[i + 1].Id, SafeNames.ForCase(results[i + 1].Id) + ".html") : null,
            });
        }
    }

    /// <summary>The file name of the diff page between two targets.</summary>
    public static string CompareFile(SiteTarget before, SiteTarget after) => $"compare-{before.Slug}-{after.Slug}.html";

    public ComparePage Compare(SiteTarget before, SiteTarget after)
    {
        var comparison = RunComparison.Between(before.Report, after.Report);
        return new ComparePage
        {
            Title = $"Changes: {before.Label} → {after.Label}",
            Root = Top,
            Section = "matrix",
            Generator = input.Generator,
            Navigation = input.Navigation,
            Before = before,
            After = after,
            SameCatalogue = before.Report.Run.Catalogue.Hash == after.Report.Run.Catalogue.Hash,
            Groups =
            [
                Group("Regressions", "regressions", "worse than before (pass, informational and unimplemented rank alike, then non-strict, then fail and error)", comparison.Regressions),
                Group("Improvements", "improvements", "better than before", comparison.Improvements),
                Group("Other changes", "changed", "another verdict of the same rank (e.g. fail → error)", comparison.Changed),
                Group("Added cases", "added", "only the later run has them", comparison.Added),
                Group("Removed cases", "removed", "only the earlier run has them", comparison.Removed),
            ],
        };

        ChangeGroup Group(string name, string anchor, string explanation, IReadOnlyList<CaseChange> changes) => new(name, anchor, explanation, changes.Select(c => new ChangeLine(
            c.Id, c.Title, Clauses.Link(c.Clause, Top), c.Before, c.After,
            before.Cases.ContainsKey(c.Id) ? before.CaseHref(SafeNames.ForCase(c.Id)) : null,
            after.Cases.ContainsKey(c.Id) ? after.CaseHref(SafeNames.ForCase(c.Id)) : null)).ToList());
    }

    public CataloguePage Catalogue() => new()
    {
        Title = "Catalogue",
        Root = Top,
        Section = "catalogue",
        Generator = input.Generator,
        Navigation = input.Navigation,
        Version = input.Catalogue?.Version ?? string.Join(", ", Targets.Select(t => t.Report.Run.Catalogue.Version).Distinct()),
        Areas = catalogue.GroupBy(c => c.Area).Select(g => new CatalogueArea(g.Key, "cat-" + SafeNames.ForArea(g.Key), g.ToList())).ToList(),
    };

    public ClausesPage ClauseIndex() => new()
    {
        Title = "Clauses and the cases that check them",
        Root = Top,
        Section = "clauses",
        Generator = input.Generator,
        Navigation = input.Navigation,
        Clauses = catalogue.GroupBy(c => c.Clause)
            .OrderBy(g => g.Key, Clauses.DocumentOrder)
            .Select(g => new ClauseGroup(g.Key, Clauses.Anchor(g.Key), Clauses.Link(g.Key, Top), g.ToList()))
            .ToList(),
    };

    public IEnumerable<RfcPage> Rfcs()
    {
        var counts = catalogue.GroupBy(c => c.Clause).ToList();
        foreach (var document in RfcDocument.Bundled.Values)
        {
            var perSection = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var group in counts.Where(g => g.Key.StartsWith(document.Name + " ", StringComparison.Ordinal)))
            {
                var section = Clauses.Section(group.Key) is { } number ? document.Find(number) : null;
                if (section is not null)
                {
                    perSection[section.Number] = perSection.GetValueOrDefault(section.Number) + group.Count();
                }
            }

            yield return new RfcPage
            {
                Title = $"{document.Name}: {document.Title}",
                Root = "../",
                Section = "rfc",
                Generator = input.Generator,
                Navigation = input.Navigation,
                Document = document,
                CaseCounts = perSection,
            };
        }
    }

    private List<CatalogueLine> BuildCatalogue()
    {
        var lines = new List<CatalogueLine>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in input.Catalogue?.Cases ?? [])
        {
            known.Add(definition.Id);
            lines.Add(new CatalogueLine(definition.Id, "case-" + SafeNames.ForCase(definition.Id), definition.Area, definition.Title, definition.Requirement,
                VerdictView.Level(definition.Level), definition.Clause, Clauses.Link(definition.Clause, Top), definition.Tier, definition.Autobahn));
        }

        // Cases the catalogue does not know (custom cases, or results of another catalogue version) still get a row.
        foreach (var result in Targets.SelectMany(t => t.Report.Cases))
        {
            if (known.Add(result.Id))
            {
                lines.Add(new CatalogueLine(result.Id, "case-" + SafeNames.ForCase(result.Id), result.Area, result.Title,
                    result.Requirement, VerdictView.Level(result.Level), result.Clause, Clauses.Link(result.Clause, Top), result.Source == "custom" ? "custom" : "(not in this catalogue)", null));
            }
        }

        // Keep areas together in first-seen order; within an area, catalogue order.
        var areaOrder = lines.Select(l => l.Area).Distinct().Select((area, index) => (area, index)).ToDictionary(p => p.area, p => p.index);
        return lines.Select((line, index) => (line, index)).OrderBy(p => areaOrder[p.line.Area]).ThenBy(p => p.index).Select(p => p.line).ToList();
    }

    /// <summary>Every string of a run bounded once, so no page can show more than its share whatever the file holds.</summary>
    private static RunReport Bounded(RunReport report)
    {
        var run = report.Run;
        return report with
        {
            Run = run with
            {
                Tool = Untrusted.Bound(run.Tool, 100),
                Catalogue = run.Catalogue with { Version = Untrusted.Bound(run.Catalogue.Version, 60), Hash = Untrusted.Bound(run.Catalogue.Hash, 80) },
                Target = run.Target with { Url = Untrusted.Bound(run.Target.Url, 400), Server = run.Target.Server is null ? null : Untrusted.Bound(run.Target.Server, Untrusted.MaxLabel) },
                Implementation = new ImplementationInfo { Name = Optional(run.Implementation.Name), Version = Optional(run.Implementation.Version) },
                Options = BoundedPairs(run.Options),
                Capabilities = BoundedPairs(run.Capabilities),
            },
            Cases = report.Cases.Select(c => c with
            {
                Id = Untrusted.Bound(c.Id, 200),
                Area = Untrusted.Bound(c.Area, 40),
                Title = Untrusted.Bound(c.Title, 300),
                Requirement = Untrusted.Bound(c.Requirement),
                Clause = Untrusted.Bound(c.Clause, 60),
                Expected = Untrusted.Bound(c.Expected),
                Observed = Untrusted.Bound(c.Observed),
                Rerun = Untrusted.Bound(c.Rerun, 1000),
                Source = Untrusted.Bound(c.Source, 20),
                // The serializer does not refuse null items inside lists; they are dropped here.
                Annotations = c.Annotations.OfType<string>().Take(50).Select(a => Untrusted.Bound(a, 1000)).ToList(),
                Metrics = c.Metrics.Take(50).GroupBy(m => Untrusted.Bound(m.Key, 60)).ToDictionary(g => g.Key, g => g.First().Value),
                Wire = c.Wire.OfType<WireEvent>().Take(WireLog.MaxEvents + 1).Select(e => e with { Opcode = Optional(e.Opcode, 40), Text = Optional(e.Text, 2100), Hex = Optional(e.Hex, 300) }).ToList(),
            }).ToList(),
        };

        static string? Optional(string? text, int max = Untrusted.MaxLabel) => text is null ? null : Untrusted.Bound(text, max);
    }

    private static Dictionary<string, string> BoundedPairs(IReadOnlyDictionary<string, string> pairs) =>
        pairs.Take(100).GroupBy(p => Untrusted.Bound(p.Key, 60)).ToDictionary(g => g.Key, g => Untrusted.Bound(g.First().Value, 1000), StringComparer.Ordinal);

    private static Bar BarOf(string label, IEnumerable<CaseResult> results, string? href)
    {
        var counts = VerdictCounts.Of(results);
        return new Bar(label, counts[Verdict.Pass], counts.Judged, href);
    }

    private static string LabelOf(RunReport report)
    {
        var implementation = report.Run.Implementation;
        return implementation.Name is { Length: > 0 } name
            ? implementation.Version is { Length: > 0 } version ? $"{name} {version}" : name
            : report.Run.Target.Url;
    }

    private static string Identity(RunReport report) =>
        string.Join("\n", report.Run.Target.Url, report.Run.Implementation.Name, report.Run.Implementation.Version, report.Run.StartedAt.ToString("O", CultureInfo.InvariantCulture), report.Run.Seed, report.Cases.Count);

    private static string? FirstHead(CaseResult result, WireDirection direction) =>
        result.Wire.FirstOrDefault(e => e.Kind == WireEventKind.Http && e.Dir == direction)?.Text;

    private static WireRow WireRowOf(WireEvent e, int index) => new(
        index + 1,
        e.T.ToString("0.0", CultureInfo.InvariantCulture),
        e.Dir switch { WireDirection.Out => "→ out", WireDirection.In => "← in", _ => "·" },
        e.Kind.ToString().ToLowerInvariant(),
        e.Opcode ?? "",
        e.Fin is { } fin ? (fin ? "1" : "0") : "",
        e.Rsv is { } rsv ? Convert.ToString(rsv & 7, 2).PadLeft(3, '0') : "",
        e.Masked is { } masked ? (masked ? "masked" : "unmasked") : "",
        e.Length?.ToString(CultureInfo.InvariantCulture) ?? "",
        e.Text ?? "",
        HexDump(e.Hex));

    /// <summary>"0000  81 05 48 65 6c 6c 6f  |..Hello|", 16 bytes a line, from the hex preview of a wire event.</summary>
    internal static string HexDump(string? hex)
    {
        // The wire log ends a cut preview with an ellipsis.
        var cut = hex?.EndsWith('…') == true;
        var digits = cut ? hex![..^1] : hex;
        if (string.IsNullOrEmpty(digits) || digits.Length % 2 != 0 || !digits.All(char.IsAsciiHexDigit))
        {
            return Untrusted.Bound(hex, 200);
        }

        const int MaxDigits = 256;
        cut |= digits.Length > MaxDigits;
        var bytes = Convert.FromHexString(digits.Length > MaxDigits ? digits[..MaxDigits] : digits);
        var dump = new StringBuilder();
        for (var offset = 0; offset < bytes.Length; offset += 16)
        {
            var line = bytes.AsSpan(offset, Math.Min(16, bytes.Length - offset));
            dump.Append(offset.ToString("x4", CultureInfo.InvariantCulture)).Append("  ");
            foreach (var b in line)
            {
                dump.Append(b.ToString("x2", CultureInfo.InvariantCulture)).Append(' ');
            }

            dump.Append(' ', (16 - line.Length) * 3).Append(" |");
            foreach (var b in line)
            {
                dump.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }

            dump.Append('|');
            if (offset + 16 < bytes.Length)
            {
                dump.Append('\n');
            }
        }

        return cut ? dump.Append("\n…").ToString() : dump.ToString();
    }
}
