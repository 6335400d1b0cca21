using System.Diagnostics;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;

namespace Conformance.Suite.Execution;

/// <summary>The one place a case's judgement becomes its result, for the WebSocket and the REST executors alike.</summary>
public static class CaseResults
{
    /// <summary>
    /// The result of <paramref name="definition"/>: the verdict and texts of <paramref name="judgement"/> (redacted), the
    /// wire log when it is not a pass, and the re-run command.
    /// </summary>
    public static CaseResult From(CaseDefinition definition, Judgement judgement, WireLog log, IReadOnlyDictionary<string, double> metrics, Stopwatch clock, Redactor redactor, Func<CaseDefinition, string> rerunCommand)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(judgement);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(rerunCommand);
        var verdict = judgement.Verdict;
        return new CaseResult
        {
            Id = definition.Id,
            Rev = definition.Rev,
            Area = definition.Area,
            Kind = definition.Kind,
            Title = definition.Title,
            Requirement = definition.Requirement,
            Clause = definition.Clause,
            Level = definition.Level,
            Verdict = verdict,
            Expected = judgement.Expected,
            Observed = redactor.Apply(judgement.Observed()),
            DurationMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
            Metrics = metrics,
            Annotations = judgement.Annotations.Select(redactor.Apply).ToList(),
            Wire = verdict == Verdict.Pass ? [] : log.Snapshot(),
            Rerun = rerunCommand(definition),
            Source = definition.Source,
        };
    }
}
