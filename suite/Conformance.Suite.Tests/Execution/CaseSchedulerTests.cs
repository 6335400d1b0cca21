using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;

namespace Conformance.Suite.Tests.Execution;

/// <summary>What the one scheduler does for every kind of case, shown with fake runners.</summary>
[TestFixture]
public sealed class CaseSchedulerTests
{
    [Test]
    public async Task Cases_run_at_most_at_the_runners_parallelism()
    {
        var runner = new FakeRunner(parallelism: 3) { Act = (_, _, token) => Task.Delay(60, token) };

        var run = await new CaseScheduler(runner).RunAsync(FakeRunner.Cases(12), null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.Complete, Is.True);
            Assert.That(run.Cases, Has.Count.EqualTo(12));
            Assert.That(runner.MaxRunning, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Results_come_in_selection_order_with_the_runners_figures_and_rerun_command()
    {
        var runner = new FakeRunner(parallelism: 4) { Act = (attempt, _, token) => Task.Delay(attempt.Definition.Id == "case.0" ? 80 : 5, token) };

        var run = await new CaseScheduler(runner).RunAsync(FakeRunner.Cases(4), null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.Cases.Select(c => c.Id), Is.EqualTo(new[] { "case.0", "case.1", "case.2", "case.3" }));
            Assert.That(run.Cases.Select(c => c.Verdict), Is.All.EqualTo(Verdict.Pass));
            Assert.That(run.Cases[0].Metrics["measured"], Is.EqualTo(1));
            Assert.That(run.Cases[0].Rerun, Is.EqualTo("rerun case.0"));
            Assert.That(run.Cases[0].Attempts, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_verdict_decided_by_a_timeout_is_run_again_alone_and_the_second_attempt_counts()
    {
        var progress = new List<CaseResult>();
        var runner = new FakeRunner(parallelism: 4)
        {
            Act = (attempt, number, _) =>
            {
                if (attempt.Definition.Id == "case.1")
                {
                    attempt.Judgement.DecidedByTimeout = number == 1;
                    attempt.Judgement.Violation(number == 1 ? "nothing within 3000 ms" : "second look");
                }

                return Task.CompletedTask;
            },
        };

        var run = await new CaseScheduler(runner).RunAsync(FakeRunner.Cases(5), new Collect(progress), CancellationToken.None);

        var rerun = run.Cases.Single(c => c.Id == "case.1");
        Assert.Multiple(() =>
        {
            Assert.That(runner.AttemptsOf("case.1"), Is.EqualTo(2));
            Assert.That(runner.AttemptsOf("case.0"), Is.EqualTo(1));
            Assert.That(rerun.Attempts, Is.EqualTo(2));
            Assert.That(rerun.Observed, Does.Contain("second look"));
            Assert.That(rerun.Annotations, Is.Empty);
            Assert.That(progress.Count(c => c.Id == "case.1"), Is.EqualTo(1), "only the final result is reported");
            Assert.That(progress, Has.Count.EqualTo(5));
        });
    }

    [Test]
    public async Task Many_timeouts_are_run_again_together_and_say_so()
    {
        var reruns = 0;
        var runner = new FakeRunner(parallelism: 4)
        {
            Act = async (attempt, number, token) =>
            {
                if (number == 2)
                {
                    Interlocked.Increment(ref reruns);
                    await Task.Delay(30, token);
                }

                attempt.Judgement.DecidedByTimeout = true;
                attempt.Judgement.Violation("nothing within the timeout");
            },
        };

        var run = await new CaseScheduler(runner).RunAsync(FakeRunner.Cases(20), null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(reruns, Is.EqualTo(20));
            Assert.That(run.Cases.Select(c => c.Attempts), Is.All.EqualTo(2));
            Assert.That(run.Cases[0].Annotations, Does.Contain("re-run beside 19 other cases that also timed out"));
            Assert.That(runner.MaxRunning, Is.EqualTo(4), "the re-runs use the run's parallelism");
        });
    }

    [Test]
    public async Task A_target_that_dies_turns_the_remaining_cases_into_errors_with_the_count()
    {
        var runner = new FakeRunner(parallelism: 1)
        {
            Reachable = false,
            Act = (attempt, _, _) => attempt.Definition.Id is "case.0" or "case.1"
                ? Task.CompletedTask
                : throw new TargetUnreachableException("connection refused"),
        };

        var run = await new CaseScheduler(runner).RunAsync(FakeRunner.Cases(5), null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.Cases.Take(2).Select(c => c.Verdict), Is.All.EqualTo(Verdict.Pass));
            Assert.That(run.Cases.Skip(2).Select(c => c.Verdict), Is.All.EqualTo(Verdict.Error));
            Assert.That(run.Cases.Skip(2).Select(c => c.Observed), Is.All.EqualTo("target unreachable after 2 cases: connection refused."));
            Assert.That(runner.ReachabilityChecks, Is.EqualTo(3), "looked at three times, then believed down");
            Assert.That(runner.AttemptsOf("case.3"), Is.Zero, "no attempt once the target is down");
        });
    }

    [Test]
    public async Task A_refused_connection_to_a_target_that_still_answers_is_that_cases_harness_error()
    {
        var runner = new FakeRunner(parallelism: 1)
        {
            Act = (attempt, _, _) => attempt.Definition.Id == "case.0" ? throw new TargetUnreachableException("backlog full") : Task.CompletedTask,
        };

        var run = await new CaseScheduler(runner).RunAsync(FakeRunner.Cases(3), null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.Cases[0].Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(run.Cases[0].Observed, Is.EqualTo("harness: could not connect for this case although the target is reachable (backlog full)."));
            Assert.That(run.Cases.Skip(1).Select(c => c.Verdict), Is.All.EqualTo(Verdict.Pass));
        });
    }

    [Test]
    public async Task A_cancelled_run_is_incomplete_and_keeps_the_cases_that_finished()
    {
        using var cancel = new CancellationTokenSource();
        var runner = new FakeRunner(parallelism: 1)
        {
            Act = async (attempt, _, token) =>
            {
                if (attempt.Definition.Id == "case.2")
                {
                    await cancel.CancelAsync();
                }

                await Task.Delay(10, token);
            },
        };

        var run = await new CaseScheduler(runner).RunAsync(FakeRunner.Cases(6), null, cancel.Token);

        Assert.Multiple(() =>
        {
            Assert.That(run.Complete, Is.False);
            Assert.That(run.Cases.Select(c => c.Id), Is.EqualTo(new[] { "case.0", "case.1" }));
        });
    }

    [Test]
    public async Task A_case_that_does_not_apply_is_not_attempted_and_says_why()
    {
        var runner = new FakeRunner
        {
            NotRunFor = d => d.Id switch
            {
                "case.0" => new NotRun("the target does not echo text messages"),
                "case.1" => new NotRun("the target refused the upgrade with 401", IsError: true),
                _ => null,
            },
        };

        var run = await new CaseScheduler(runner).RunAsync(FakeRunner.Cases(3), null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(run.Cases.Select(c => c.Verdict), Is.EqualTo(new[] { Verdict.Unimplemented, Verdict.Error, Verdict.Pass }));
            Assert.That(run.Cases[0].Observed, Is.EqualTo("the target does not echo text messages."));
            Assert.That(run.Cases[0].Expected, Is.EqualTo("(not run)"));
            Assert.That(runner.AttemptsOf("case.0") + runner.AttemptsOf("case.1"), Is.Zero);
            Assert.That(run.Cases[0].Metrics["measured"], Is.EqualTo(1), "a case not run still carries its kind's figures");
        });
    }

    [Test]
    public async Task A_harness_failure_is_an_error_never_a_fail()
    {
        var runner = new FakeRunner { Act = (_, _, _) => throw new HarnessException("the page crashed") };

        var (result, byTimeout) = await new CaseScheduler(runner).RunOneAsync(FakeRunner.Cases(1, level: RequirementLevel.Must)[0], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(result.Observed, Is.EqualTo("harness: the page crashed."));
            Assert.That(byTimeout, Is.False);
        });
    }

    [Test]
    public async Task An_attempt_over_its_budget_is_a_harness_error()
    {
        var runner = new FakeRunner { BudgetOfEach = TimeSpan.FromMilliseconds(100), Act = (_, _, token) => Task.Delay(TimeSpan.FromSeconds(30), token) };

        var (result, _) = await new CaseScheduler(runner).RunOneAsync(FakeRunner.Cases(1)[0], CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Error));
            Assert.That(result.Observed, Is.EqualTo("harness: the case exceeded its time budget of 100 ms."));
        });
    }

    private sealed class Collect(List<CaseResult> into) : IProgress<CaseResult>
    {
        public void Report(CaseResult value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
