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

    public static CaseResult Case(string id, Verdict verdict, string? observed = null) =>
        SampleResults.Case(id, verdict, observed ?? $"observed for {id}");

    public static RunReport Report(params CaseResult[] cases) => SampleResults.Report(cases, SampleResults.Run with
    {
        Catalogue = SampleResults.Run.Catalogue with { Hash = "sha256:abcd" },
        Target = SampleResults.Run.Target with { Server = "fixture/1" },
    });

    /// <summary>frame: pass, fail, non-strict; close: error, informational, unimplemented.</summary>
    public static RunReport OneOfEachVerdict(string? failObserved = null) => Report(
        Case("ws.frame.passes", Verdict.Pass),
        Case("ws.frame.fails", Verdict.Fail, failObserved),
        Case("ws.frame.non-strict", Verdict.NonStrict),
        Case("ws.close.errors", Verdict.Error),
        Case("ws.close.informational", Verdict.Informational),
        Case("ws.close.unimplemented", Verdict.Unimplemented, "the target does not echo"));
}
