using Conformance.Runner.Gates;
using Conformance.Runner.Output;
using Conformance.Suite.Results;

namespace Conformance.Runner.Commands;

/// <summary>
/// <c>compare A B [--fail-on-regression]</c>: what changed from one results file to another. A report, so it exits 0
/// unless asked to gate; regressions follow the same rule as <c>run --baseline</c> (<see cref="BaselineGate"/>).
/// </summary>
internal static class CompareCommand
{
    public static int Run(Terminal terminal, string beforePath, string afterPath, bool failOnRegression)
    {
        var before = InputFile.ReadResults(beforePath, out var problem);
        var after = before is null ? null : InputFile.ReadResults(afterPath, out problem);
        if (before is null || after is null)
        {
            terminal.Error(problem!);
            return ExitCodes.Usage;
        }

        terminal.Line($"A: {Describe(beforePath, before)}");
        terminal.Line($"B: {Describe(afterPath, after)}");
        if (before.Run.Catalogue.Hash != after.Run.Catalogue.Hash)
        {
            terminal.Line("[grey]the catalogues differ: cases added or changed between them show as added, removed or changed[/]");
        }

        var gate = BaselineGate.Judge(RunComparison.Between(before, after), failOnNonStrict: false);
        ComparisonView.Print(terminal, gate, "A → B");
        return failOnRegression && gate.Regressed ? ExitCodes.Failures : ExitCodes.Success;
    }

    private static string Describe(string path, RunReport report) =>
        Terminal.Safe($"{path} — {report.Cases.Count} cases against {report.Run.Target.Url}, catalogue {report.Run.Catalogue.Version}, {report.Run.StartedAt:yyyy-MM-dd HH:mm}{(report.Run.Complete ? "" : " (interrupted: partial results)")}");
}
