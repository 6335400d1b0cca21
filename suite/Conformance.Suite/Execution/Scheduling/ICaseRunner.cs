using Conformance.Suite.Catalogue;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;

namespace Conformance.Suite.Execution.Scheduling;

/// <summary>
/// What one kind of case needs from the target or client it judges: a preflight, which cases apply, a budget per case
/// and one attempt at one case. Loops, re-runs, a dying target, cancellation and results belong to <see cref="CaseScheduler"/>.
/// </summary>
public interface ICaseRunner : IAsyncDisposable
{
    /// <summary>The kind of case this runner runs.</summary>
    CaseKind Kind { get; }

    /// <summary>How many cases of this kind run at once.</summary>
    int Parallelism { get; }

    /// <summary>Secrets of the run, removed from every text of a result.</summary>
    Redactor Redactor { get; }

    /// <summary>The one-line command that runs a case again on its own.</summary>
    string RerunCommand(CaseDefinition definition);

    /// <summary>Checks what the target can do before any of <paramref name="cases"/> (the run's cases of this kind) runs.</summary>
    /// <exception cref="Transport.TargetUnreachableException">Nothing answers.</exception>
    Task<Preflight> PreflightAsync(IReadOnlyList<CaseDefinition> cases, CancellationToken cancellationToken);

    /// <summary>Why <paramref name="definition"/> is not run against this target, or null when it runs.</summary>
    NotRun? Applicability(CaseDefinition definition);

    /// <summary>How long one attempt may take before the harness gives up on it, or null for no bound.</summary>
    TimeSpan? Budget(CaseDefinition definition);

    /// <summary>
    /// Acts out one attempt of a case and records what it observed into <paramref name="attempt"/>; the case's oracle
    /// judges into its judgement.
    /// </summary>
    /// <exception cref="Transport.TargetUnreachableException">The target could not be reached for this attempt.</exception>
    /// <exception cref="HarnessException">The harness failed; the case is an error, never the target's fault.</exception>
    Task AttemptAsync(CaseAttempt attempt, CancellationToken cancellationToken);

    /// <summary>Adds the figures every result of this kind carries, once the attempt ended (or was not made).</summary>
    void Measure(CaseAttempt attempt, TimeSpan elapsed);

    /// <summary>Whether the target accepts a connection now, asked after an attempt found it unreachable.</summary>
    Task<bool> ReachableAsync(CancellationToken cancellationToken);

    /// <summary>What the runner learned while the cases ran, for the run info (added to the preflight's pairs).</summary>
    IReadOnlyDictionary<string, string> Findings => new Dictionary<string, string>();
}

/// <summary>What a runner's preflight found, for the terminal and the run info.</summary>
/// <param name="Detail">What it found, in words.</param>
/// <param name="Server">The target's Server header, bounded, when seen.</param>
/// <param name="Capabilities">Name/value pairs for the run info.</param>
/// <param name="Version">The judged implementation's version, when the preflight learns it (the browser of a client run).</param>
public sealed record Preflight(string Detail, string? Server, IReadOnlyDictionary<string, string> Capabilities, string? Version = null);

/// <summary>
/// Why a case is not run: unimplemented (the target lacks what it checks), a violation of <paramref name="Violates"/>
/// (what it lacks is a requirement of its own) or, when the run cannot judge anything, an error.
/// </summary>
public sealed record NotRun(string Reason, bool IsError = false, Rule? Violates = null);

/// <summary>One attempt of one case: the definition and what the attempt records — judgement, wire log and figures.</summary>
public sealed class CaseAttempt(CaseDefinition definition, Redactor redactor)
{
    /// <summary>The case.</summary>
    public CaseDefinition Definition { get; } = definition;

    /// <summary>The findings, judged by the case's oracle.</summary>
    public Judgement Judgement { get; } = new(definition.Level);

    /// <summary>The bytes and events of the attempt.</summary>
    public WireLog Log { get; } = new(redactor);

    /// <summary>Figures the attempt measured.</summary>
    public Dictionary<string, double> Metrics { get; } = [];

    /// <summary>The result, when the case was judged where it ran rather than here (the client-case server judges the connection it served).</summary>
    public CaseResult? Judged { get; private set; }

    /// <summary>Takes the result judged where the case ran; the judgement and log of this attempt are then unused.</summary>
    public void Adopt(CaseResult judged, bool decidedByTimeout)
    {
        Judged = judged;
        Judgement.DecidedByTimeout = decidedByTimeout;
    }
}

/// <summary>The harness itself failed during an attempt (a browser page crashed, a fixture broke): the case is an error.</summary>
public sealed class HarnessException(string message, Exception? inner = null) : Exception(message, inner);
