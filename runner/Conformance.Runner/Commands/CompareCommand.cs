using Conformance.Runner.Gate;
using Conformance.Runner.Output;
using Conformance.Suite.Results;

namespace Conformance.Runner.Commands;

/// <summary>
/// <c>compare A B [--fail-on-regression] [--out SITE]</c>: what changed from one results file to another, printed and,
/// with --out, as a report site of both runs with a diff page. A report, so it exits 0
/// unless asked to gate; regressions follow the same rule as <c>run --baseline</c> (<see cref="BaselineGate"/>).
/// </summary>
internal static class CompareCommand
{
    public static async Task<int> RunAsync(Terminal terminal, string beforePath, string afterPath, bool failOnRegression, string? site, CancellationToken cancellationToken)
    {
        if (site is not null && Conformance.ReportSite.SiteWriter.FolderProblem(site) is { } siteProblem)
        {
            terminal.Error("--out: " + siteProblem);
            return ExitCodes.Usage;
        }

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
        if (site is not null && await ReportCommand.WriteAsync([before, after], ReportCommand.CatalogueFor(null, terminal), site, terminal, cancellationToken, [(0, 1)]) is null)
        {
            return ExitCodes.Usage;
        }

        return failOnRegression && gate.Regressed ? ExitCodes.Failures : ExitCodes.Success;
    }

    private static string Describe(string path, RunReport report) =>
        Terminal.Safe($"{path} — {report.Cases.Count} cases against {report.Run.Target.Url}, catalogue {report.Run.Catalogue.Version}, {report.Run.StartedAt:yyyy-MM-dd HH:mm}{(report.Run.Complete ? "" : " (interrupted: partial results)")}");
}
