using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Conformance.Suite.ClientSide;
using Conformance.Suite.Results;

namespace Conformance.Interop.ClientSide;

/// <summary>The names clients give themselves (?agent=NAME): bounded and reduced to a safe alphabet.</summary>
public static partial class AgentNames
{
    /// <summary>The name of a client that gives none.</summary>
    public const string Anonymous = "anonymous";
    /// <summary>Longer names are cut.</summary>
    public const int MaxLength = 64;

    /// <summary>Letters, digits, '.', '_' and '-' kept, anything else becomes '-'; empty becomes "anonymous".</summary>
    public static string Sanitise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Anonymous;
        }

        var safe = Unsafe().Replace(name.Length > MaxLength ? name[..MaxLength] : name, "-");
        return safe.Trim('-', '.').Length == 0 ? Anonymous : safe;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex Unsafe();
}

/// <summary>A client case's result as the server judged it, and whether a deadline decided it (a run re-runs such cases).</summary>
public sealed record ClientCaseJudged(CaseResult Result, bool DecidedByTimeout);

/// <summary>
/// The reports and results of every (agent, case): a connection opens a new attempt, a report belongs to the
/// latest attempt, and a judged attempt becomes the case's result for that agent.
/// </summary>
internal sealed class AgentResults
{
    // Agents beyond this many are counted as anonymous, so made-up names cannot grow the server without bound.
    private const int MaxAgents = 256;
    private readonly ConcurrentDictionary<(string Agent, string CaseId), Attempts> attempts = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> firstSeen = new(StringComparer.Ordinal);

    /// <summary>Agents that connected for at least one case, with when they first did.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Agents => firstSeen;

    /// <summary>The name a new connection's results are kept under: its own, or anonymous once there are too many agents.</summary>
    public string Admit(string agent) =>
        firstSeen.ContainsKey(agent) || firstSeen.Count < MaxAgents ? agent : AgentNames.Anonymous;

    public Task<ClientReport> BeginAttempt(string agent, string caseId)
    {
        firstSeen.TryAdd(agent, DateTimeOffset.UtcNow);
        return For(agent, caseId).Begin();
    }

    /// <summary>Files a report for the latest attempt; one for a case the agent never connected to is dropped.</summary>
    public void Report(string agent, string caseId, ClientReport report)
    {
        if (attempts.TryGetValue((agent, caseId), out var found))
        {
            found.Report(report);
        }
    }

    public void Judged(string agent, string caseId, ClientCaseJudged judged) => For(agent, caseId).Judged(judged);

    public Task<ClientCaseJudged> JudgedAsync(string agent, string caseId) => For(agent, caseId).Result;

    public CaseResult? Latest(string agent, string caseId) => attempts.TryGetValue((agent, caseId), out var found) ? found.Latest : null;

    private Attempts For(string agent, string caseId) => attempts.GetOrAdd((agent, caseId), _ => new Attempts());

    private sealed class Attempts
    {
        private readonly Lock gate = new();
        private TaskCompletionSource<ClientReport> report = New<ClientReport>();
        private TaskCompletionSource<ClientCaseJudged> result = New<ClientCaseJudged>();

        public CaseResult? Latest { get; private set; }

        public Task<ClientCaseJudged> Result
        {
            get
            {
                lock (gate)
                {
                    return result.Task;
                }
            }
        }

        public Task<ClientReport> Begin()
        {
            lock (gate)
            {
                // A report still to come from an earlier attempt must not count for this one.
                report = New<ClientReport>();
                if (result.Task.IsCompleted)
                {
                    result = New<ClientCaseJudged>();
                }

                return report.Task;
            }
        }

        public void Report(ClientReport received)
        {
            lock (gate)
            {
                report.TrySetResult(received);
            }
        }

        public void Judged(ClientCaseJudged judged)
        {
            lock (gate)
            {
                Latest = judged.Result;
                result.TrySetResult(judged);
            }
        }

        private static TaskCompletionSource<T> New<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
