using Conformance.Suite.Results;

namespace Conformance.ReportSite.Tests.Fixtures;

/// <summary>
/// Text a target (or a forged results file) may put wherever the report shows text: markup, script URLs,
/// template syntax of Angular and Razor, a path escape, and a right-to-left override that makes "exe" read as "pdf".
/// </summary>
internal static class Hostile
{
    /// <summary>The hostile strings, each of which must reach a page as visible text and never as markup.</summary>
    public static IReadOnlyList<string> Strings { get; } =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "javascript:alert(3)",
        "</svg><script>alert(4)</script>",
        "../../../../tmp/pwned",
        "{{7*7}}",
        "@(1+1)",
        "invoice\u202Efdp.exe",
    ];

    /// <summary>All of them in one line.</summary>
    public static string All { get; } = string.Join(" ", Strings);

    /// <summary>The id of the forged case that carries every string in every field.</summary>
    public const string EvilId = "../../evil";

    /// <summary>The area of the forged cases: it closes an attribute and opens an element.</summary>
    public const string EvilArea = "\"><b>";

    /// <summary>
    /// Forged results: one case that puts the strings in every field a case page shows, and one case per string
    /// used as the id (so file names, anchors and links are made from it).
    /// </summary>
    public static IReadOnlyList<CaseResult> Results() =>
    [
        new()
        {
            Id = EvilId,
            Area = EvilArea,
            Title = All,
            Requirement = All,
            Clause = "RFC6455 5.2 " + All,
            Level = RequirementLevel.Must,
            Verdict = Verdict.Fail,
            Expected = All,
            Observed = string.Join("\n", Strings),
            Metrics = Strings.ToDictionary(s => s, _ => 1.0),
            Annotations = Strings,
            Rerun = $"conformance run 'ws://127.0.0.1/{All}'",
            Source = All,
            Wire =
            [
                new() { Dir = WireDirection.In, Kind = WireEventKind.Http, Text = $"HTTP/1.1 101 Switching Protocols\r\nServer: {All}\r\nSec-WebSocket-Protocol: {All}" },
                .. Strings.Select(s => new WireEvent { Dir = WireDirection.In, Kind = WireEventKind.Frame, Opcode = s, Fin = true, Rsv = 0, Masked = false, Length = s.Length, Text = s, Hex = s }),
                new() { Dir = WireDirection.None, Kind = WireEventKind.Note, Text = All },
            ],
        },
        .. Strings.Select(s => new CaseResult
        {
            Id = s,
            Area = EvilArea,
            Title = s,
            Clause = s,
            Verdict = Verdict.Error,
            Observed = s,
            Source = "custom",
        }),
    ];
}
