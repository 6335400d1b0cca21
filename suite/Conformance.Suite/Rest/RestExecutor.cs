using System.Net.Sockets;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Oracles;
using Conformance.Suite.Oracles.Rest;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;

namespace Conformance.Suite.Rest;

/// <summary>
/// Runs REST cases against an API: each case gets its own wire log and judgement, runs its probe, and deletes what
/// it created. Cases run one at a time (<see cref="Parallelism"/>):
/// they share the API's collections, and an id freed by one case's DELETE may be reused by another's POST, which
/// would turn a correct 404-after-DELETE into a false failure.
/// </summary>
public sealed class RestExecutor : ICaseRunner
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

    /// <inheritdoc/>
    public CaseKind Kind => CaseKind.Rest;

    /// <summary>One: the cases share the API's collections, as the class says.</summary>
    public int Parallelism => 1;

    /// <inheritdoc/>
    public Redactor Redactor => redactor;

    /// <inheritdoc/>
    public string RerunCommand(CaseDefinition definition) => rerunCommand(definition);

    /// <summary>Checks that the API answers at all: a GET of the first collection (any status) within the timeout.</summary>
    /// <exception cref="TargetUnreachableException">Nothing answers.</exception>
    public async Task<Preflight> PreflightAsync(IReadOnlyList<CaseDefinition> cases, CancellationToken cancellationToken)
    {
        var session = new RestSession(client, options, new WireLog(redactor));
        var path = options.Profile.Resources[0].Collection;
        try
        {
            var response = await session.SendAsync("GET", path, cancellationToken: cancellationToken);
            var detail = $"GET {options.Profile.BasePath}{path} answered {response.Describe()}";
            return new Preflight(detail, null, new Dictionary<string, string> { ["rest"] = detail });
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or RestTimeoutException)
        {
            throw new TargetUnreachableException($"GET {options.Profile.BasePath}{path}: {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public NotRun? Applicability(CaseDefinition definition)
    {
        if (RestProbes.Applicability(definition, options) is { } reason)
        {
            return new NotRun(reason);
        }

        return options.ReadOnly && RestProbes.All[((RestBody)definition.Body).Probe].Unsafe
            ? new NotRun("the case sends unsafe methods and the run is --rest-readonly")
            : null;
    }

    /// <summary>None: every request is bounded by the run's timeout.</summary>
    public TimeSpan? Budget(CaseDefinition definition) => null;

    /// <summary>
    /// Runs the case's probe and deletes what it created, whatever happened: a re-run never finds the first
    /// attempt's items (a POST is never repeated on top of its own leftovers).
    /// </summary>
    public async Task AttemptAsync(CaseAttempt attempt, CancellationToken cancellationToken)
    {
        var judgement = attempt.Judgement;
        var probe = RestProbes.All[((RestBody)attempt.Definition.Body).Probe];
        var context = new RestContext(new RestSession(client, options, attempt.Log), judgement, cancellationToken);
        try
        {
            await probe.RunAsync(context);
        }
        catch (RestTimeoutException e)
        {
            ExchangeOracles.Unanswered(judgement, e.Message);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused } || e.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            throw new TargetUnreachableException(e.Message, e);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException)
        {
            // A reset right after the connect can reach us as a bare SocketException (HttpClient reads the socket's
            // remote end point before it wraps errors).
            ExchangeOracles.Broken(judgement, e);
        }
        finally
        {
            await context.CleanUpAsync();
        }
    }

    /// <summary>Only raw exchanges are counted byte by byte; HttpClient's are not, so a zero would mislead.</summary>
    public void Measure(CaseAttempt attempt, TimeSpan elapsed)
    {
        if (attempt.Log.BytesOut + attempt.Log.BytesIn > 0)
        {
            attempt.Metrics["bytesOut"] = attempt.Log.BytesOut;
            attempt.Metrics["bytesIn"] = attempt.Log.BytesIn;
        }
    }

    /// <summary>Whether the API's host accepts a TCP (and TLS) connection.</summary>
    public Task<bool> ReachableAsync(CancellationToken cancellationToken) =>
        Reachability.AcceptsAsync(options.Target, options.Transport, redactor, cancellationToken);

    /// <summary>Releases the HTTP client.</summary>
    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
