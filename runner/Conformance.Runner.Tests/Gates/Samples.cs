using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Gates;

/// <summary>Hand-built results for the reporter tests: one case of each verdict, in two areas.</summary>
internal static class Samples
{
    /// <summary>
    /// What a hostile target can make a case observe: markdown table and code breakers, HTML, a heading on a new
    /// line, a terminal escape, and characters XML 1.0 forbids (NUL, U+FFFE, a lone surrogate).
    /// </summary>
    public const string Hostile = "a|b `tick` <script>x</script>\r\n## heading [link](http://evil.test) \u001b[31m \u0000 \uFFFE \uD800 end";

    public static CaseResult Case(string id, Verdict verdict, string? observed = null) => new()
    {
        Id = id,
        Area = id.Split('.')[1],
        Title = $"Title of {id}",
        Clause = "RFC6455 5.2",
        Level = RequirementLevel.Must,
        Verdict = verdict,
        Expected = "the server fails the connection",
        Observed = observed ?? $"observed for {id}",
        DurationMs = 250,
        Rerun = $"./run.sh run --cases {id} --seed 6455",
    };

    public static RunReport Report(params CaseResult[] cases) => new()
    {
        Run = new RunInfo
        {
            Tool = "conformance 0.1.0",
            Catalogue = new CatalogueInfo { Version = "2026.11.2", Hash = "sha256:abcd" },
            Target = new TargetInfo { Url = "ws://127.0.0.1:9001/echo", Server = "fixture/1" },
            Seed = 6455,
            Complete = true,
            StartedAt = new DateTimeOffset(2026, 11, 28, 16, 22, 0, TimeSpan.Zero),
            DurationMs = 1500,
        },
        Cases = cases,
    };

    /// <summary>frame: pass, fail, non-strict; close: error, informational, unimplemented.</summary>
    public static RunReport OneOfEachVerdict(string? failObserved = null) => Report(
        Case("ws.frame.passes", Verdict.Pass),
        Case("ws.frame.fails", Verdict.Fail, failObserved),
        Case("ws.frame.non-strict", Verdict.NonStrict),
        Case("ws.close.errors", Verdict.Error),
        Case("ws.close.informational", Verdict.Informational),
        Case("ws.close.unimplemented", Verdict.Unimplemented, "the target does not echo"));
}
