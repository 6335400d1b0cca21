using System.Reflection;
using System.Text.RegularExpressions;

namespace Conformance.ReportSite.Model;

/// <summary>One numbered section of an RFC: its number ("5.2"), title and text.</summary>
public sealed record RfcSection(string Number, string Title, string Body)
{
    /// <summary>The anchor of the section on the RFC page, as in the IETF's own HTML ("section-5.2").</summary>
    public string Anchor => "section-" + Number;

    /// <summary>1 for "5", 2 for "5.2"...</summary>
    public int Depth => Number.Count(c => c == '.') + 1;
}

/// <summary>
/// An RFC's plain text, split into its numbered sections so clauses can link to them. The text ships inside
/// this assembly (the repository commits it), so a report links to the RFC without reaching any network.
/// </summary>
public sealed partial record RfcDocument(string Name, string Title, string Preamble, IReadOnlyList<RfcSection> Sections)
{
    /// <summary>The file name of the RFC page in the site, e.g. "rfc6455.html".</summary>
    public string FileName => Name.ToLowerInvariant() + ".html";

    /// <summary>The RFCs shipped with the report, by name ("RFC6455").</summary>
    public static IReadOnlyDictionary<string, RfcDocument> Bundled { get; } = LoadBundled();

    /// <summary>The section a clause number points at, or its nearest numbered parent.</summary>
    public RfcSection? Find(string number)
    {
        var candidate = number;
        while (true)
        {
            if (Sections.FirstOrDefault(s => s.Number == candidate) is { } found)
            {
                return found;
            }

            var dot = candidate.LastIndexOf('.');
            if (dot < 0)
            {
                return null;
            }

            candidate = candidate[..dot];
        }
    }

    /// <summary>Splits an RFC's text: page headers, footers and form feeds removed, sections at their numbered headings.</summary>
    public static RfcDocument Parse(string name, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(line => !PageFooter().IsMatch(line) && !PageHeader().IsMatch(line) && line != "\f")
            .ToList();
        var sections = new List<RfcSection>();
        var preamble = new List<string>();
        var body = new List<string>();
        (string Number, string Title)? current = null;
        foreach (var line in lines)
        {
            var heading = SectionHeading().Match(line);
            if (heading.Success)
            {
                Flush();
                current = (heading.Groups[1].Value, heading.Groups[2].Value.Trim());
                continue;
            }

            (current is null ? preamble : body).Add(line);
        }

        Flush();
        // The title is the first centred line after the header block at the top of the first page.
        var title = lines.SkipWhile(l => l.Length > 0).FirstOrDefault(l => l.StartsWith("  ", StringComparison.Ordinal))?.Trim() ?? name;
        return new RfcDocument(name, title, Collapse(preamble), sections);

        void Flush()
        {
            if (current is { } open)
            {
                sections.Add(new RfcSection(open.Number, open.Title, Collapse(body)));
            }

            body.Clear();
        }
    }

    // Page breaks leave runs of blank lines; one blank line is enough between paragraphs.
    private static string Collapse(List<string> lines) =>
        MultipleBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim('\n');

    private static Dictionary<string, RfcDocument> LoadBundled()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var documents = new Dictionary<string, RfcDocument>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith("Rfc/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var name = Path.GetFileNameWithoutExtension(resource).ToUpperInvariant();
            documents[name] = Parse(name, reader.ReadToEnd());
        }

        return documents;
    }

    [GeneratedRegex(@"^\S.*\[Page \d+\]$")]
    private static partial Regex PageFooter();

    [GeneratedRegex(@"^RFC \d+ {2,}.* {2,}\w+ \d{4}$")]
    private static partial Regex PageHeader();

    [GeneratedRegex(@"^(\d+(?:\.\d+)*)\.\s{1,2}(\S.*)$")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"\n(?:[ \t]*\n){2,}")]
    private static partial Regex MultipleBlankLines();
}
