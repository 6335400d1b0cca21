using System.Diagnostics;
using System.Net.Sockets;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;

namespace Conformance.Suite.Rest;

/// <summary>
/// Runs REST cases against an API: each case gets its own wire log and judgement, runs its probe, and deletes what
/// it created. A verdict reached by a timeout is re-run once, like the WebSocket cases. Cases run one at a time:
/// they share the API's collections, and an id freed by one case's DELETE may be reused by another's POST, which
/// would turn a correct 404-after-DELETE into a false failure.
/// </summary>
public sealed class RestExecutor : IDisposable
{
    private readonly RestRunOptions options;
    private readonly Redactor redactor;
    private readonly Func<CaseDefinition, string> rerunCommand;
    private readonly HttpClient client;

    /// <summary>Creates the executor of a run.</summary>
    public RestExecutor(RestRunOptions options, Redactor redactor, Func<CaseDefinition, string> rerunCommand)
    {
        this.options = options;
        this.redactor = redactor;
        this.rerunCommand = rerunCommand;
        client = options.CreateClient();
    }

    /// <summary>Checks that the API answers at all: a GET of the first collection (any status) within the timeout.</summary>
    /// <exception cref="TargetUnreachableException">Nothing answers.</exception>
    public async Task<string> PreflightAsync(CancellationToken cancellationToken)
    {
        var session = new RestSession(client, options, new WireLog(redactor));
        var path = options.Profile.Resources[0].Collection;
        try
        {
            var response = await session.SendAsync("GET", path, cancellationToken: cancellationToken);
            return $"GET {options.Profile.BasePath}{path} answered {response.Describe()}";
        }
        catch (Exception e) when (e is HttpRequestException or RestTimeoutException)
        {
            throw new TargetUnreachableException($"GET {options.Profile.BasePath}{path}: {e.Message}", e);
        }
    }

    /// <summary>Runs the cases and reports each result as it finishes.</summary>
    public async Task<ExecutionResult> RunAsync(IReadOnlyList<CaseDefinition> cases, IProgress<CaseResult>? progress, CancellationToken cancellationToken)
    {
        var results = new CaseResult?[cases.Count];
        var timedOut = new bool[cases.Count];
        var complete = true;
        try
        {
            for (var index = 0; index < cases.Count; index++)
            {
                (results[index], timedOut[index]) = await RunOneAsync(cases[index], cancellationToken);
                if (!timedOut[index])
                {
                    progress?.Report(results[index]!);
                }
            }

            foreach (var index in Enumerable.Range(0, cases.Count).Where(i => timedOut[i]))
            {
                var (again, _) = await RunOneAsync(cases[index], cancellationToken);
                results[index] = again with { Attempts = 2 };
                progress?.Report(results[index]!);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            complete = false;
        }

        return new ExecutionResult(results.OfType<CaseResult>().ToList(), complete);
    }

    /// <summary>Runs one case.</summary>
    public async Task<(CaseResult Result, bool DecidedByTimeout)> RunOneAsync(CaseDefinition definition, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var log = new WireLog(redactor);
        var judgement = new Judgement(definition.Level);
        var probe = RestProbes.All[((RestBody)definition.Body).Probe];
        if (RestProbes.Applicability(definition, options) is { } reason)
        {
            judgement.Expected = "(not run)";
            judgement.Unimplemented(reason);
        }
        else if (options.ReadOnly && probe.Unsafe)
        {
            judgement.Expected = "(not run)";
            judgement.Unimplemented("the case sends unsafe methods and the run is --rest-readonly");
        }
        else
        {
            var context = new RestContext(new RestSession(client, options, log), judgement, cancellationToken);
            try
            {
                await probe.RunAsync(context);
            }
            catch (RestTimeoutException e)
            {
                judgement.DecidedByTimeout = true;
                judgement.Violation(Rules.Rest.Answered, e.Message);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || e.HttpRequestError == HttpRequestError.NameResolutionError)
            {
                judgement.Error($"the target cannot be reached: {e.Message}");
            }
            catch (HttpRequestException e)
            {
                // The target broke the exchange (a reset, a malformed answer): that is what it did, and it is judged.
                judgement.Violation(Rules.Rest.ExchangeIntact, $"the exchange broke: {e.Message}{(e.InnerException is { } inner ? $" ({inner.Message})" : "")}");
            }
            catch (TargetUnreachableException e)
            {
                judgement.Error($"the target cannot be reached: {e.Message}");
            }
            finally
            {
                await context.CleanUpAsync();
            }
        }

        // Only raw exchanges are counted byte by byte; HttpClient's are not, so a zero would mislead.
        var metrics = new Dictionary<string, double>();
        if (log.BytesOut + log.BytesIn > 0)
        {
            metrics["bytesOut"] = log.BytesOut;
            metrics["bytesIn"] = log.BytesIn;
        }

        var result = CaseResults.From(definition, judgement, log, metrics, clock, redactor, rerunCommand);
        return (result, judgement.DecidedByTimeout);
    }

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => client.Dispose();
}
