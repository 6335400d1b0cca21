using System.Buffers;
using System.Diagnostics;
using System.Text;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Suite.ClientSide;

/// <summary>Everything about serving client cases that can change a verdict.</summary>
public sealed record ClientCaseOptions
{
    /// <summary>The default wait for a client's report once its connection ended.</summary>
    public static readonly TimeSpan DefaultReportGrace = TimeSpan.FromMilliseconds(1500);

    /// <summary>The server's base URL (ws://127.0.0.1:PORT/), recorded as the target and used for the Host check.</summary>
    public required Uri Server { get; init; }
    /// <summary>Seed of generated payloads and mask keys.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Per-case timeout, counted from the accepted connection; grows with payload size.</summary>
    public TimeSpan Timeout { get; init; } = RunOptions.DefaultTimeout;
    /// <summary>How long a "nothing happens" check waits.</summary>
    public TimeSpan Silence { get; init; } = RunOptions.DefaultSilence;
    /// <summary>How long a case waits for the client's report after its connection ended.</summary>
    public TimeSpan ReportGrace { get; init; } = DefaultReportGrace;
    /// <summary>The command that re-runs a case, for its result.</summary>
    public Func<CaseDefinition, string> RerunCommand { get; init; } = definition => $"connect a client to /case/{definition.Id}";
}

/// <summary>
/// Runs client cases (ws.client.*) on connections that clients made to the suite: reads the opening request,
/// answers it as the case says, then runs the steps and the oracle through the same interpreter and oracles as the
/// WebSocket cases, with the suite in the server role. No HTTP stack here: the bytes are the point.
/// </summary>
public sealed class ClientCaseEngine(ClientCaseOptions options)
{
    private static readonly TimeSpan HarnessSlack = TimeSpan.FromSeconds(5);
    // The client's request line is quoted in the observed text up to this length.
    private const int MaxObservedLine = 200;
    private static readonly byte[] BadRequest = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"u8.ToArray();

    private RunOptions RunOptions => new() { Target = options.Server, Seed = options.Seed, Timeout = options.Timeout, Silence = options.Silence };

    /// <summary>
    /// Runs the connection part of <paramref name="definition"/> on <paramref name="stream"/>, whose first bytes are
    /// the client's opening request. Returns when the suite is done with the connection: the caller then closes TCP
    /// (the server closes first, §7.1.1) and hands the client's report to <see cref="ClientCaseConnection.JudgeAsync"/>.
    /// </summary>
    public async Task<ClientCaseConnection> RunConnectionAsync(CaseDefinition definition, Stream stream, string peer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(stream);
        var clock = Stopwatch.StartNew();
        var log = new WireLog(Redactor.None);
        var judgement = new Judgement(definition.Level);
        var run = RunOptions;
        var budget = run.TimeoutFor(((ExchangeBody)definition.Body).PayloadBytes(null)) * 2 + run.Silence * 2 + HarnessSlack;
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(budget);
        await using (var connection = RawConnection.Accepted(stream, peer, log))
        {
            try
            {
                await ExecuteAsync(definition, connection, log, judgement, run, guard.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                judgement.Error($"harness: the case exceeded its time budget of {(int)budget.TotalMilliseconds} ms");
            }
            catch (OperationCanceledException)
            {
                judgement.Error("harness: the server stopped while the case ran");
            }
        }

        return new ClientCaseConnection(definition, judgement, log, clock, options);
    }

    private static async Task ExecuteAsync(CaseDefinition definition, RawConnection connection, WireLog log, Judgement judgement, RunOptions run, CancellationToken cancellationToken)
    {
        var random = new Random(Seeds.For(run.Seed, definition.Id));
        var body = (ExchangeBody)definition.Body;
        var payloadBytes = body.PayloadBytes(null);
        var deadline = DateTime.UtcNow + run.TimeoutFor(payloadBytes);
        var (request, leftover) = await ReadRequestAsync(connection, log, deadline, judgement, cancellationToken);
        if (request is null)
        {
            await connection.WriteAsync(BadRequest, run.Timeout, cancellationToken);
            return;
        }

        if (body.Expect.Oracle == OracleKind.ClientRequest)
        {
            judgement.Expected = "an opening request as §4.1 describes it: " + string.Join(", ", body.Expect.RequestChecks.Select(CheckName));
            var requestLine = request.RawHead.Split("\r\n")[0];
            judgement.Observe(requestLine.Length > MaxObservedLine ? requestLine[..MaxObservedLine] + "…" : requestLine);
            ClientOracles.Request(request, body.Expect.RequestChecks, run.Target, judgement);
        }
        else
        {
            ClientOracles.RequestRemarks(request, run.Target, judgement);
        }

        var response = ServerResponse.Head(body.Handshake, request.Value(HandshakeRequest.Names.Key) ?? "");
        log.Http(WireDirection.Out, response.TrimEnd());
        var maxInbound = Math.Max(16L << 20, payloadBytes * 4 + (1 << 20));
        await using var session = Session.Accepted(connection, log, random, run.Timeout, leftover, maxInbound, cancellationToken);
        if (!await session.WriteAsync(Encoding.Latin1.GetBytes(response), DeliveryPlan.Whole))
        {
            judgement.Observe("the client closed the connection before the response was written");
            return;
        }

        var caseRun = new CaseRun(definition, session, judgement, deadline, run);
        if (body.Expect.Oracle == OracleKind.ClientRequest)
        {
            await caseRun.CloseAndAwaitEndAsync(CloseCodes.Normal);
            return;
        }

        await new StepInterpreter(caseRun, random).RunAsync();
        await ConnectionEnding.RunAsync(caseRun);
        if (caseRun.Open && !caseRun.Dropped)
        {
            await caseRun.CloseAndAwaitEndAsync(CloseCodes.Normal);
        }
    }

    // The request head, and the bytes read after it (a client may send frames right away).
    private static async Task<(ClientRequest? Request, byte[] Leftover)> ReadRequestAsync(RawConnection connection, WireLog log, DateTime deadline, Judgement judgement, CancellationToken cancellationToken)
    {
        var received = new byte[RawConnection.MinReadBuffer];
        var head = new ArrayBufferWriter<byte>();
        while (true)
        {
            var (outcome, count) = await connection.ReadAsync(received, deadline, cancellationToken);
            if (outcome != ReadOutcome.Data)
            {
                var how = outcome == ReadOutcome.Timeout ? "nothing more came before the timeout" : "the connection ended";
                ClientOracles.RequestIncomplete(judgement, how, head.WrittenCount);
                return (null, []);
            }

            head.Write(received.AsSpan(0, count));
            var status = ClientRequest.TryParse(head.WrittenSpan, out var request, out var consumed, out var error);
            if (status == OperationStatus.InvalidData)
            {
                log.Add(WireEventKind.Note, WireDirection.In, $"not an HTTP request: {error}");
                ClientOracles.RequestMalformed(judgement, error);
                return (null, []);
            }

            if (status == OperationStatus.Done)
            {
                log.Http(WireDirection.In, request!.RawHead);
                return (request, head.WrittenSpan[consumed..].ToArray());
            }
        }
    }

    private static string CheckName(RequestCheck check) => check switch
    {
        RequestCheck.MethodAndVersion => "GET with HTTP/1.1 or later",
        RequestCheck.Host => "one Host header",
        RequestCheck.UpgradeHeaders => "Upgrade: websocket and Connection: Upgrade",
        RequestCheck.Key => "a base64 16-byte Sec-WebSocket-Key",
        _ => "Sec-WebSocket-Version: 13",
    };
}

/// <summary>A client case whose connection ended; judged once the client's report arrives or its grace is over.</summary>
public sealed class ClientCaseConnection
{
    private readonly CaseDefinition definition;
    private readonly Judgement judgement;
    private readonly WireLog log;
    private readonly Stopwatch clock;
    private readonly ClientCaseOptions options;

    internal ClientCaseConnection(CaseDefinition definition, Judgement judgement, WireLog log, Stopwatch clock, ClientCaseOptions options)
    {
        this.definition = definition;
        this.judgement = judgement;
        this.log = log;
        this.clock = clock;
        this.options = options;
    }

    /// <summary>Whether a deadline decided the verdict (a run re-runs such cases), once judged.</summary>
    public bool DecidedByTimeout => judgement.DecidedByTimeout;

    /// <summary>
    /// The case's result: the connection's findings plus what <paramref name="report"/> says, if it completes within
    /// the report grace (counted from now, the end of the connection).
    /// </summary>
    public async Task<CaseResult> JudgeAsync(Task<ClientReport> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ClientReport? received;
        try
        {
            received = await report.WaitAsync(options.ReportGrace, cancellationToken);
        }
        catch (TimeoutException)
        {
            received = null;
        }

        ClientOracles.Report(definition, received, judgement);
        var metrics = new Dictionary<string, double> { ["bytesOut"] = log.BytesOut, ["bytesIn"] = log.BytesIn };
        return CaseResults.From(definition, judgement, log, metrics, clock, Redactor.None, options.RerunCommand);
    }
}
