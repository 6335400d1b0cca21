using System.Diagnostics;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conformance.Suite.Execution.Scheduling;

/// <summary>The results of running a selection, in selection order; partial when the run was cancelled.</summary>
public sealed record ExecutionResult(IReadOnlyList<CaseResult> Cases, bool Complete);

/// <summary>
/// Runs the cases of one runner: several at once (the runner's parallelism), each within its budget. A case whose
/// verdict came from a timeout is run once more before it is believed. A target that stops accepting connections
/// turns the remaining cases into <see cref="Verdict.Error"/>. Every judgement becomes its result here.
/// </summary>
public sealed partial class CaseScheduler
{
    // Up to this many timed-out cases (or a tenth of the run, when more) are re-run one at a time.
    private const int MaxLoneReruns = 16;
    // A refused connection mid-run is looked at again this many times before the target is called down.
    private const int ReachabilityChecks = 3;
    private static readonly TimeSpan ReachabilityBackoff = TimeSpan.FromMilliseconds(200);

    private readonly ICaseRunner runner;
    private readonly ILogger logger;
    private int completed;
    private string? targetDown;

    /// <summary>Creates the scheduler of one runner's cases.</summary>
    public CaseScheduler(ICaseRunner runner, ILogger<CaseScheduler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        this.runner = runner;
        this.logger = logger ?? NullLogger<CaseScheduler>.Instance;
    }

    /// <summary>Runs <paramref name="cases"/> and reports each result through <paramref name="progress"/> as it is final.</summary>
    public async Task<ExecutionResult> RunAsync(IReadOnlyList<CaseDefinition> cases, IProgress<CaseResult>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var results = new CaseResult?[cases.Count];
        var timedOut = new bool[cases.Count];
        var parallelism = Math.Max(1, runner.Parallelism);
        var complete = true;
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, cases.Count), parallel, async (index, token) =>
            {
                var (result, byTimeout) = await RunOneAsync(cases[index], token);
                results[index] = result;
                timedOut[index] = byTimeout;
                Interlocked.Increment(ref completed);
                if (!byTimeout)
                {
                    progress?.Report(result);
                }
            });

            // A verdict reached by a deadline may be the machine's fault; run it again alone before believing it.
            // When many cases timed out the target is the cause, and running them one by one would only cost
            // minutes: then they run again at the run's parallelism.
            var again = Enumerable.Range(0, cases.Count).Where(i => timedOut[i]).ToList();
            var alone = again.Count <= Math.Max(MaxLoneReruns, cases.Count / 10);
            var rerun = new ParallelOptions { MaxDegreeOfParallelism = alone ? 1 : parallelism, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(again, rerun, async (index, token) =>
            {
                LogRerun(logger, cases[index].Id);
                var (result, _) = await RunOneAsync(cases[index], token);
                results[index] = result with
                {
                    Attempts = 2,
                    Annotations = alone ? result.Annotations : [.. result.Annotations, $"re-run beside {again.Count - 1} other cases that also timed out"],
                };
                progress?.Report(results[index]!);
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            complete = false;
        }

        return new ExecutionResult(results.OfType<CaseResult>().ToList(), complete);
    }

    /// <summary>One attempt of one case, judged into its result, and whether a deadline decided it.</summary>
    public async Task<(CaseResult Result, bool DecidedByTimeout)> RunOneAsync(CaseDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var clock = Stopwatch.StartNew();
        var attempt = new CaseAttempt(definition, runner.Redactor);
        var judgement = attempt.Judgement;
        if (runner.Applicability(definition) is { } notRun)
        {
            NotRunOracle.Judge(notRun, judgement);
        }
        else if (targetDown is not null)
        {
            judgement.Error(targetDown);
        }
        else
        {
            await AttemptAsync(attempt, cancellationToken);
        }

        if (attempt.Judged is { } judged)
        {
            return (judged, judgement.DecidedByTimeout);
        }

        runner.Measure(attempt, clock.Elapsed);
        var result = CaseResults.From(definition, judgement, attempt.Log, attempt.Metrics, clock, runner.Redactor, runner.RerunCommand);
        return (result, judgement.DecidedByTimeout);
    }

    private async Task AttemptAsync(CaseAttempt attempt, CancellationToken cancellationToken)
    {
        var budget = runner.Budget(attempt.Definition);
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (budget is { } bound)
        {
            guard.CancelAfter(bound);
        }

        try
        {
            await runner.AttemptAsync(attempt, guard.Token);
        }
        catch (TargetUnreachableException e)
        {
            await OnUnreachableAsync(e, attempt, guard.Token);
        }
        catch (HarnessException e)
        {
            attempt.Judgement.Error($"harness: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && budget is not null)
        {
            attempt.Judgement.Error($"harness: the case exceeded its time budget of {(int)budget.Value.TotalMilliseconds} ms");
        }
    }

    private async Task OnUnreachableAsync(TargetUnreachableException e, CaseAttempt attempt, CancellationToken cancellationToken)
    {
        // A refused connection mid-run is either a full backlog or a dead target; look again before deciding.
        for (var check = 1; check <= ReachabilityChecks; check++)
        {
            await Task.Delay(ReachabilityBackoff * check, cancellationToken);
            if (await runner.ReachableAsync(cancellationToken))
            {
                attempt.Judgement.Error($"harness: could not connect for this case although the target is reachable ({e.Message})");
                return;
            }
        }

        targetDown ??= $"target unreachable after {Volatile.Read(ref completed)} cases: {runner.Redactor.Apply(e.Message)}";
        attempt.Judgement.Error(targetDown);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Case {CaseId} was decided by a timeout; running it again")]
    private static partial void LogRerun(ILogger logger, string caseId);
}
