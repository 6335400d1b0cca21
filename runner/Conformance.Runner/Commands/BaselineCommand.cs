using Conformance.Runner.Gate;
using Conformance.Runner.Output;
using Conformance.Suite.Results;

namespace Conformance.Runner.Commands;

/// <summary><c>baseline write RESULTS --out FILE [--reason CASE-ID=TEXT ...]</c>: accepts a run's verdicts as the baseline.</summary>
internal static class BaselineCommand
{
    public static async Task<int> WriteAsync(Terminal terminal, string resultsPath, string outPath, IReadOnlyList<string> reasonArguments)
    {
        var report = InputFile.ReadResults(resultsPath, out var problem);
        if (report is null)
        {
            terminal.Error(problem!);
            return ExitCodes.Usage;
        }

        if (!report.Run.Complete)
        {
            terminal.Error($"results file '{resultsPath}' is from an interrupted run (complete: false); the cases it did not reach would count as new. Run to the end first.");
            return ExitCodes.Usage;
        }

        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in reasonArguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == argument.Length - 1)
            {
                terminal.Error($"--reason '{argument}' is not CASE-ID=TEXT");
                return ExitCodes.Usage;
            }

            var id = argument[..equals];
            if (!report.Cases.Any(c => c.Id == id))
            {
                terminal.Error($"--reason names '{id}', which is not a case of results file '{resultsPath}'");
                return ExitCodes.Usage;
            }

            reasons[id] = argument[(equals + 1)..];
        }

        try
        {
            await Baseline.WriteAsync(Baseline.From(report, reasons, DateTimeOffset.UtcNow), outPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            terminal.Error($"cannot write the baseline to '{outPath}': {e.Message}");
            return ExitCodes.Usage;
        }

        var tallies = string.Join(", ", report.Cases.GroupBy(c => c.Verdict).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Verdicts.Word(g.Key)}"));
        terminal.Line($"baseline of {report.Cases.Count} cases ({Terminal.Safe(tallies)}; {reasons.Count} with a reason) written to {Terminal.Safe(Path.GetFullPath(outPath))}");
        return ExitCodes.Success;
    }
}
