using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Execution;

/// <summary>A runner whose attempts do what a test says, counting attempts and how many ran at once.</summary>
internal sealed class FakeRunner(CaseKind kind = CaseKind.Wire, int parallelism = 4) : ICaseRunner
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> attempts = [];
    private int running;

    /// <summary>What an attempt does; by default it passes after a short wait.</summary>
    public Func<CaseAttempt, int, CancellationToken, Task> Act { get; init; } = (_, _, token) => Task.Delay(20, token);

    public Func<CaseDefinition, NotRun?> NotRunFor { get; init; } = _ => null;

    public TimeSpan? BudgetOfEach { get; init; }

    public bool Reachable { get; init; } = true;

    public Preflight Found { get; init; } = new("fake", null, new Dictionary<string, string>());

    public int MaxRunning { get; private set; }

    public int ReachabilityChecks { get; private set; }

    public CaseKind Kind => kind;

    public int Parallelism => parallelism;

    public Redactor Redactor => Redactor.None;

    public int AttemptsOf(string id)
    {
        lock (gate)
        {
            return attempts.GetValueOrDefault(id);
        }
    }

    public string RerunCommand(CaseDefinition definition) => "rerun " + definition.Id;

    public Task<Preflight> PreflightAsync(IReadOnlyList<CaseDefinition> cases, CancellationToken cancellationToken) => Task.FromResult(Found);

    public NotRun? Applicability(CaseDefinition definition) => NotRunFor(definition);

    public TimeSpan? Budget(CaseDefinition definition) => BudgetOfEach;

    public async Task AttemptAsync(CaseAttempt attempt, CancellationToken cancellationToken)
    {
        int number;
        lock (gate)
        {
            number = attempts[attempt.Definition.Id] = attempts.GetValueOrDefault(attempt.Definition.Id) + 1;
            MaxRunning = Math.Max(MaxRunning, ++running);
        }

        try
        {
            await Act(attempt, number, cancellationToken);
        }
        finally
        {
            lock (gate)
            {
                running--;
            }
        }
    }

    public void Measure(CaseAttempt attempt, TimeSpan elapsed) => attempt.Metrics["measured"] = 1;

    public Task<bool> ReachableAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            ReachabilityChecks++;
        }

        return Task.FromResult(Reachable);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary><paramref name="count"/> cases of <paramref name="kind"/>, ids "case.0", "case.1"...</summary>
    public static List<CaseDefinition> Cases(int count, CaseKind kind = CaseKind.Wire, RequirementLevel level = RequirementLevel.Must, string prefix = "case") =>
        Enumerable.Range(0, count).Select(i => new CaseDefinition
        {
            Id = $"{prefix}.{i}",
            Title = $"case {i}",
            Requirement = "",
            Clause = "RFC6455 5.2",
            Level = level,
            Body = kind switch
            {
                CaseKind.Rest => new RestBody { Probe = "fake" },
                CaseKind.Browser => new BrowserBody { Spec = new BrowserSpec { Scenario = BrowserScenario.Echo } },
                CaseKind.Client => new ClientBody { Expect = new Expectation { Oracle = OracleKind.Exchange } },
                _ => new WireBody { Expect = new Expectation { Oracle = OracleKind.Exchange } },
            },
            Origin = "test",
        }).ToList();
}
