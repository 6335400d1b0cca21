using Conformance.Suite.Results;

namespace Conformance.ReportService.Tests.Infrastructure;

/// <summary>results.json documents that pass schemas/results.schema.json, and ways to spoil them.</summary>
internal static class Samples
{
    public static RunReport Report(string implementation = "ws", string? version = "8.18.0", string catalogueVersion = "2026.11.2", string observed = "the server closed with 1002", Verdict reservedOpcode = Verdict.Fail) =>
        SampleResults.Report(
            [
                Case("ws.frame.rsv1-without-extension", Verdict.Pass, observed),
                Case("ws.frame.reserved-opcode", reservedOpcode, observed),
                Case("ws.close.code-1005-on-wire", Verdict.NonStrict, observed),
            ],
            SampleResults.Run with
            {
                Catalogue = SampleResults.Run.Catalogue with { Version = catalogueVersion },
                Implementation = new ImplementationInfo { Name = implementation, Version = version },
            });

    public static string Json(RunReport? report = null) => ResultsJson.Serialize(report ?? Report());

    /// <summary>A JSON array nested <paramref name="depth"/> levels deep.</summary>
    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static CaseResult Case(string id, Verdict verdict, string observed) => SampleResults.Case(id, verdict, observed, durationMs: 12);
}
