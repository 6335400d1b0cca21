using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.ReportSite.Model;

/// <summary>What every page shares: its title, the relative path back to the site root and the footer facts.</summary>
public abstract record Page
{
    /// <summary>The page title.</summary>
    public required string Title { get; init; }
    /// <summary>"" at the root, "../" one folder down...: links stay relative so the site works from file://.</summary>
    public required string Root { get; init; }
    /// <summary>Which part of the site the page belongs to, for the navigation's aria-current.</summary>
    public required string Section { get; init; }
    /// <summary>Tool that generated the site.</summary>
    public required string Generator { get; init; }
    /// <summary>Links shown first in the site navigation (a hosted site's way back to its service).</summary>
    public IReadOnlyList<Link> Navigation { get; init; } = [];
}

/// <summary>A link with a visible text.</summary>
public sealed record Link(string Text, string Href);

/// <summary>A run in the site: one results file against one target.</summary>
public sealed record SiteTarget
{
    /// <summary>Folder name under targets/ (an index and a hash, never a name from the file).</summary>
    public required string Slug { get; init; }
    /// <summary>Short label: implementation name and version, else the target URL (bounded).</summary>
    public required string Label { get; init; }
    /// <summary>The run.</summary>
    public required RunReport Report { get; init; }
    /// <summary>Cases by id.</summary>
    public required IReadOnlyDictionary<string, CaseResult> Cases { get; init; }
    /// <summary>Links about the run from outside the site (a hosted run's history and comparison).</summary>
    public IReadOnlyList<Link> Links { get; init; } = [];
    /// <summary>Link to the run page, relative to the site root.</summary>
    public string Href => $"targets/{Slug}/index.html";
    /// <summary>Link to a case page, relative to the site root.</summary>
    public string CaseHref(string caseFile) => $"targets/{Slug}/{caseFile}.html";
}

/// <summary>One bar of a pass-rate chart.</summary>
public sealed record Bar(string Label, int Passed, int Judged, string? Href)
{
    /// <summary>Pass rate in percent, or null when nothing was judged.</summary>
    public double? Percent => Judged == 0 ? null : 100.0 * Passed / Judged;
    /// <summary>The figure as text: "93% (28/30)" or "n/a".</summary>
    public string Figure => Percent is { } p ? $"{Math.Floor(p):0}% ({Passed}/{Judged})" : "n/a (nothing judged)";
}

/// <summary>A horizontal bar chart drawn as inline SVG.</summary>
public sealed record BarChart(string Caption, IReadOnlyList<Bar> Bars)
{
    /// <summary>Width of the label column in SVG units.</summary>
    public const int LabelWidth = 220;
    /// <summary>Width of the bar track.</summary>
    public const int TrackWidth = 300;
    /// <summary>Height of one row.</summary>
    public const int RowHeight = 22;
    /// <summary>Total width.</summary>
    public const int Width = LabelWidth + TrackWidth + 130;
    /// <summary>Total height.</summary>
    public int Height => (Bars.Count * RowHeight) + 4;
    /// <summary>The bar length for a row.</summary>
    public static int Length(Bar bar) => bar.Percent is { } p ? (int)Math.Round(TrackWidth * p / 100) : 0;
    /// <summary>A label cut to fit its column.</summary>
    public static string Fit(string label) => label.Length <= 32 ? label : label[..31] + "…";
}

/// <summary>Verdict counts.</summary>
public sealed record VerdictCounts(IReadOnlyDictionary<Verdict, int> Counts)
{
    /// <summary>Counts the verdicts of some results.</summary>
    public static VerdictCounts Of(IEnumerable<CaseResult> results)
    {
        var counts = VerdictView.All.ToDictionary(v => v, _ => 0);
        foreach (var result in results)
        {
            counts[result.Verdict]++;
        }

        return new VerdictCounts(counts);
    }

    /// <summary>The count of one verdict.</summary>
    public int this[Verdict verdict] => Counts[verdict];
    /// <summary>All results.</summary>
    public int Total => Counts.Values.Sum();
    /// <summary>Results that were judged (pass, non-strict, fail, error): the pass-rate denominator.</summary>
    public int Judged => Total - Counts[Verdict.Informational] - Counts[Verdict.Unimplemented];
}

/// <summary>The index: targets x cases, grouped by area.</summary>
public sealed record MatrixPage : Page
{
    /// <summary>The targets, one column each.</summary>
    public required IReadOnlyList<SiteTarget> Targets { get; init; }
    /// <summary>Verdict counts per target, same order.</summary>
    public required IReadOnlyList<VerdictCounts> TargetCounts { get; init; }
    /// <summary>The areas, in catalogue order.</summary>
    public required IReadOnlyList<MatrixArea> Areas { get; init; }
    /// <summary>Pass rate per target.</summary>
    public required BarChart TargetChart { get; init; }
    /// <summary>Comparison pages in the site.</summary>
    public IReadOnlyList<Link> Comparisons { get; init; } = [];
}

/// <summary>One area of the matrix.</summary>
public sealed record MatrixArea(string Name, string Anchor, IReadOnlyList<Bar> PerTarget, IReadOnlyList<MatrixRow> Rows)
{
    /// <summary>True when some target fails or errors some case of the area.</summary>
    public bool HasFailing => Rows.Any(r => r.HasFailing);
    /// <summary>True when some case of the area is not pass everywhere.</summary>
    public bool HasNotPass => Rows.Any(r => r.HasNotPass);
}

/// <summary>One case across the targets.</summary>
public sealed record MatrixRow(string Id, string Title, string Level, Link? Clause, string CatalogueHref, IReadOnlyList<MatrixCell?> Cells)
{
    /// <summary>True when some target fails or errors the case.</summary>
    public bool HasFailing => Cells.Any(c => c is not null && VerdictView.IsFailing(c.Verdict));
    /// <summary>True when some target has a verdict other than pass.</summary>
    public bool HasNotPass => Cells.Any(c => c is not null && c.Verdict != Verdict.Pass);
}

/// <summary>One target's verdict on one case.</summary>
public sealed record MatrixCell(Verdict Verdict, string Href);

/// <summary>A run summary.</summary>
public sealed record RunPage : Page
{
    /// <summary>The run.</summary>
    public required SiteTarget Target { get; init; }
    /// <summary>Facts about the run, label → value (bounded).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; }
    /// <summary>Options as recorded.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Options { get; init; }
    /// <summary>What the preflight found.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Capabilities { get; init; }
    /// <summary>Verdict counts.</summary>
    public required VerdictCounts Counts { get; init; }
    /// <summary>Pass rate per area.</summary>
    public required BarChart AreaChart { get; init; }
    /// <summary>Every case of the run, worst first.</summary>
    public required IReadOnlyList<CaseLine> Cases { get; init; }
}

/// <summary>A case in a list.</summary>
public sealed record CaseLine(string Id, string Title, Verdict Verdict, Link? Clause, string Href, string Observed);

/// <summary>One case against one target, with its evidence.</summary>
public sealed record CasePage : Page
{
    /// <summary>The run.</summary>
    public required SiteTarget Target { get; init; }
    /// <summary>The result (texts bounded).</summary>
    public required CaseResult Result { get; init; }
    /// <summary>The quoted requirement.</summary>
    public required string Requirement { get; init; }
    /// <summary>Link into the RFC page, when the clause is in a bundled RFC.</summary>
    public required Link? Clause { get; init; }
    /// <summary>The opening-handshake request as sent, or null when not recorded.</summary>
    public required string? Request { get; init; }
    /// <summary>What the first exchange is: the opening handshake of a WebSocket case, the first request of a REST case.</summary>
    public string ExchangeTitle => (Result.Kind ?? KindOfOlderResult(Result.Id)) == CaseKind.Rest ? "First request and response" : "Opening handshake";
    /// <summary>The opening-handshake response as received, or null.</summary>
    public required string? Response { get; init; }
    /// <summary>The wire log.</summary>
    public required IReadOnlyList<WireRow> Wire { get; init; }
    /// <summary>The previous and next case of the run.</summary>
    public Link? Previous { get; init; }
    /// <summary>The next case of the run.</summary>
    public Link? Next { get; init; }

    // Results files written before results carried the kind: only their REST cases matter here, and those have rest. ids.
    private static CaseKind KindOfOlderResult(string id) => id.StartsWith("rest.", StringComparison.Ordinal) ? CaseKind.Rest : CaseKind.Wire;
}

/// <summary>One wire-log entry as shown.</summary>
public sealed record WireRow(int Index, string Time, string Direction, string Kind, string Opcode, string Fin, string Rsv, string Mask, string Length, string Preview, string HexDump);

/// <summary>The catalogue: every case with clause and level.</summary>
public sealed record CataloguePage : Page
{
    /// <summary>Catalogue version, when known.</summary>
    public required string Version { get; init; }
    /// <summary>The cases by area.</summary>
    public required IReadOnlyList<CatalogueArea> Areas { get; init; }
}

/// <summary>The cases of one area.</summary>
public sealed record CatalogueArea(string Name, string Anchor, IReadOnlyList<CatalogueLine> Lines);

/// <summary>A case of the catalogue.</summary>
public sealed record CatalogueLine(string Id, string Anchor, string Area, string Title, string Requirement, string Level, string Clause, Link? ClauseLink, string Tier, string? Autobahn);

/// <summary>Clause → cases.</summary>
public sealed record ClausesPage : Page
{
    /// <summary>Clauses in document order.</summary>
    public required IReadOnlyList<ClauseGroup> Clauses { get; init; }
}

/// <summary>The cases citing one clause.</summary>
public sealed record ClauseGroup(string Clause, string Anchor, Link? Section, IReadOnlyList<CatalogueLine> Cases);

/// <summary>An RFC as a page.</summary>
public sealed record RfcPage : Page
{
    /// <summary>The document.</summary>
    public required RfcDocument Document { get; init; }
    /// <summary>How many cases cite each section (by number), linked to the clause index.</summary>
    public required IReadOnlyDictionary<string, int> CaseCounts { get; init; }
}

/// <summary>What changed between two runs of the site.</summary>
public sealed record ComparePage : Page
{
    /// <summary>The earlier run.</summary>
    public required SiteTarget Before { get; init; }
    /// <summary>The later run.</summary>
    public required SiteTarget After { get; init; }
    /// <summary>The groups of changes, in the order a reader needs them: regressions first.</summary>
    public required IReadOnlyList<ChangeGroup> Groups { get; init; }
    /// <summary>Whether the two runs used the same catalogue (same hash).</summary>
    public required bool SameCatalogue { get; init; }
}

/// <summary>One kind of change and its cases.</summary>
public sealed record ChangeGroup(string Name, string Anchor, string Explanation, IReadOnlyList<ChangeLine> Lines);

/// <summary>One case that changed; the links lead to the case page of each run that has the case.</summary>
public sealed record ChangeLine(string Id, string Title, Link? Clause, Verdict? Before, Verdict? After, string? BeforeHref, string? AfterHref);
