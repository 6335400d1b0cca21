using System.Diagnostics;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Suite.Execution.Scheduling;

/// <summary>What the caller of a run knows of it and the run info records: tool, catalogue, target, implementation, seed, options.</summary>
public sealed record RunDescription
{
    /// <summary>"conformance X.Y.Z".</summary>
    public required string Tool { get; init; }
    /// <summary>The catalogue the selection came from.</summary>
    public required CatalogueInfo Catalogue { get; init; }
    /// <summary>The target as shown (secrets redacted).</summary>
    public required string Target { get; init; }
    /// <summary>The implementation as the user names it; a version the preflight learns fills a missing one.</summary>
    public ImplementationInfo Implementation { get; init; } = new();
    /// <summary>The seed of every random choice.</summary>
    public int Seed { get; init; }
    /// <summary>Every option that can change a verdict (secrets redacted).</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// One run of a selection: each case goes to the runner of its <see cref="CaseKind"/> (cases of a kind without a
/// runner are not part of the run), the runners' preflights run in order, then their cases, and the whole becomes
/// one <see cref="RunReport"/>.
/// </summary>
public sealed class SuiteRun
{
    private readonly DateTimeOffset startedAt = DateTimeOffset.UtcNow;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<(ICaseRunner Runner, List<CaseDefinition> Cases)> parts;
    private readonly List<Preflight> preflights = [];

    /// <summary>Starts the clock of a run of <paramref name="selection"/> with <paramref name="runners"/>, in their order.</summary>
    public SuiteRun(IReadOnlyList<CaseDefinition> selection, IReadOnlyList<ICaseRunner> runners)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(runners);
        parts = runners.Select(r => (r, selection.Where(c => c.Kind == r.Kind).ToList())).ToList();
    }

    /// <summary>The cases the run holds.</summary>
    public int Total => parts.Sum(p => p.Cases.Count);

    /// <summary>Runs every runner's preflight in order, reporting each as it is known.</summary>
    /// <exception cref="Transport.TargetUnreachableException">A target cannot be reached.</exception>
    public async Task PreflightAsync(Action<Preflight> found, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        foreach (var (runner, cases) in parts)
        {
            var preflight = await runner.PreflightAsync(cases, cancellationToken);
            preflights.Add(preflight);
            found(preflight);
        }
    }

    /// <summary>Runs the cases (after <see cref="PreflightAsync"/>); a cancelled run reports the cases that finished.</summary>
    public async Task<RunReport> RunAsync(RunDescription description, IProgress<CaseResult>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(description);
        var cases = new List<CaseResult>();
        var complete = true;
        foreach (var (runner, selected) in parts)
        {
            var done = await new CaseScheduler(runner).RunAsync(selected, progress, cancellationToken);
            cases.AddRange(done.Cases);
            if (!done.Complete)
            {
                complete = false;
                break;
            }
        }

        return new RunReport
        {
            Run = new RunInfo
            {
                Tool = description.Tool,
                Catalogue = description.Catalogue,
                Target = new TargetInfo { Url = description.Target, Server = preflights.Select(p => p.Server).FirstOrDefault(server => server is not null) },
                Implementation = description.Implementation with
                {
                    Version = description.Implementation.Version ?? preflights.Select(p => p.Version).FirstOrDefault(version => version is not null),
                },
                Seed = description.Seed,
                Options = description.Options,
                Capabilities = preflights.SelectMany(p => p.Capabilities).Concat(parts.SelectMany(p => p.Runner.Findings)).DistinctBy(c => c.Key).ToDictionary(),
                Complete = complete,
                StartedAt = startedAt,
                DurationMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1),
            },
            Cases = cases,
        };
    }
}
