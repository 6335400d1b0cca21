using Conformance.Suite.Results;

namespace Conformance.ReportService.Tests.Infrastructure;

/// <summary>results.json documents that pass schemas/results.schema.json, and ways to spoil them.</summary>
internal static class Samples
{
    public const string CatalogueHash = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static RunReport Report(string implementation = "ws", string? version = "8.18.0", string catalogueVersion = "2026.11.2", string observed = "the server closed with 1002", Verdict reservedOpcode = Verdict.Fail) => new()
    {
        Run = new RunInfo
        {
            Tool = "conformance 0.1.0",
            Catalogue = new CatalogueInfo { Version = catalogueVersion, Hash = CatalogueHash },
            Target = new TargetInfo { Url = "ws://127.0.0.1:9001/echo" },
            Implementation = new ImplementationInfo { Name = implementation, Version = version },
            Seed = 6455,
            Complete = true,
            StartedAt = new DateTimeOffset(2026, 11, 28, 16, 22, 0, TimeSpan.Zero),
            DurationMs = 1500,
        },
        Cases =
        [
            Case("ws.frame.rsv1-without-extension", Verdict.Pass, observed),
            Case("ws.frame.reserved-opcode", reservedOpcode, observed),
            Case("ws.close.code-1005-on-wire", Verdict.NonStrict, observed),
        ],
    };

    public static string Json(RunReport? report = null) => ResultsJson.Serialize(report ?? Report());

    /// <summary>A JSON array nested <paramref name="depth"/> levels deep.</summary>
    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private static CaseResult Case(string id, Verdict verdict, string observed) => new()
    {
        Id = id,
        Area = id.Split('.')[1],
        Title = $"Title of {id}",
        Clause = "RFC6455 5.2",
        Level = RequirementLevel.Must,
        Verdict = verdict,
        Expected = "the server fails the connection",
        Observed = observed,
        DurationMs = 12,
        Rerun = $"./run.sh run --cases {id} --seed 6455",
    };
}
