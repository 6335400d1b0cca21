using System.Runtime.CompilerServices;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>
/// Runs raw WebSocket cases against one target: each case on its own connection, within its budget. The preflight
/// learns what the target can do (echo, ping, a refused upgrade), which decides the cases that apply.
/// </summary>
public sealed class Executor : ICaseRunner
{
    private const string PreflightText = "conformance preflight";
    private static readonly byte[] PreflightBinary = [0x00, 0xFF, 0x10, 0x80];
    private static readonly TimeSpan HarnessSlack = TimeSpan.FromSeconds(5);
    // Below this, a case's duration is handshake and round-trip time, not throughput.
    private const long ThroughputThreshold = 64 * 1024;
    // More messages than this that are not the preflight's echo make the target a flooding one, not a talking one.
    private const int MaxUnrelatedPreflightMessages = 16;
    private readonly RunOptions options;
    private readonly Redactor redactor;
    private readonly Func<CaseDefinition, string> rerunCommand;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> limited = new();
    private Capabilities capabilities = Capabilities.Unknown;

    /// <summary>Creates an executor for one target.</summary>
    public Executor(RunOptions options, Redactor redactor, Func<CaseDefinition, string> rerunCommand)
    {
        this.options = options;
        this.redactor = redactor;
        this.rerunCommand = rerunCommand;
    }

    /// <inheritdoc/>
    public CaseKind Kind => CaseKind.Wire;

    /// <inheritdoc/>
    public int Parallelism => options.Parallel;

    /// <inheritdoc/>
    public Redactor Redactor => redactor;

    /// <inheritdoc/>
    public string RerunCommand(CaseDefinition definition) => rerunCommand(definition);

    /// <summary>What the preflight found (unknown before it ran); decides which cases apply.</summary>
    public Capabilities Capabilities => capabilities;

    /// <summary>
    /// Runs <see cref="ProbeAsync"/>, then, unless the user declared the limits, learns the target's size limits for
    /// messages as large as <paramref name="cases"/> send; both decide which cases apply.
    /// </summary>
    public async Task<Preflight> PreflightAsync(IReadOnlyList<CaseDefinition> cases, CancellationToken cancellationToken)
    {
        capabilities = await ProbeAsync(cancellationToken);
        if (capabilities.Known && options.MaxMessage is null && options.MaxFrame is null)
        {
            var limits = await LearnLimitsAsync(cases, cancellationToken);
            var described = limits.Describe();
            capabilities = capabilities with { Limits = limits, Detail = described.Length == 0 ? capabilities.Detail : $"{capabilities.Detail}; {described}" };
        }

        return new Preflight(capabilities.Detail, capabilities.Server, capabilities.ToDictionary());
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Findings => limited.IsEmpty
        ? new Dictionary<string, string>()
        : new Dictionary<string, string> { ["limitedCases"] = $"{limited.Count} cases unimplemented: above the target's size limits (§10.4)" };

    private Task<TargetLimits> LearnLimitsAsync(IReadOnlyList<CaseDefinition> cases, CancellationToken cancellationToken)
    {
        long Largest(Opcode type) => cases.Select(c => c.Body).OfType<ExchangeBody>()
            .SelectMany(b => b.MessageSizes(null)).Where(m => m.Type == type).Select(m => m.Bytes).DefaultIfEmpty(0).Max();

        return LimitsAsync(capabilities, Largest(Opcode.Text), Largest(Opcode.Binary), cancellationToken);
    }

    /// <summary>
    /// The size limits of a target with <paramref name="found"/> capabilities, for messages up to the largest of each
    /// type: text and binary are learned side by side, each only if the target echoes it.
    /// </summary>
    public async Task<TargetLimits> LimitsAsync(Capabilities found, long largestText, long largestBinary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        Task<TypeLimits> Learn(Opcode type, bool echoes, long largest) => echoes
            ? LimitLadder.ProbeAsync(options, redactor, type, LimitLadder.For(largest), cancellationToken)
            : Task.FromResult(TypeLimits.Unknown);

        var text = Learn(Opcode.Text, found.EchoesText, largestText);
        var binary = Learn(Opcode.Binary, found.EchoesBinary, largestBinary);
        return new TargetLimits { Text = await text, Binary = await binary };
    }

    /// <summary>
    /// Opens one connection and checks what the target can do: text echo, binary echo, ping. A 401/403 answer
    /// is remembered so every case can say credentials are missing.
    /// </summary>
    /// <exception cref="TargetUnreachableException">The target cannot be reached at all.</exception>
    public async Task<Capabilities> ProbeAsync(CancellationToken cancellationToken)
    {
        var log = new WireLog(redactor);
        var random = new Random(options.Seed);
        var key = WebSocketAccept.NewKey(random);
        await using var session = await Session.ConnectAsync(options, log, random, cancellationToken);
        var outcome = await session.HandshakeAsync(HandshakeBuilder.Build(options, null, key, random), key, DateTime.UtcNow + options.Timeout, 1024 * 1024);
        var server = outcome.Response?.Value("Server") is { } s ? redactor.Apply(s.Length > 200 ? s[..200] : s) : null;
        // A valid handshake refused for credentials or for a missing resource means the run cannot judge anything.
        if (outcome.Response?.StatusCode is 401 or 403 or 404 or 410)
        {
            return Capabilities.Unknown with { RefusedStatus = outcome.Response.StatusCode, Server = server, Detail = $"upgrade refused: {outcome.Describe()}" };
        }

        // §4.2.2 step 5: a server accepts only if it "chooses to"; one that requires a subprotocol refuses a handshake
        // offering none. Without --subprotocol that is the likeliest reading of a 4xx, and nothing can be judged.
        if (outcome.Response?.StatusCode is >= 400 and < 500 && options.Subprotocols.Count == 0)
        {
            return Capabilities.Unknown with { RefusedStatus = outcome.Response.StatusCode, Server = server, Detail = $"upgrade refused: {outcome.Describe()}; if the target requires a subprotocol, name it with --subprotocol NAME; else check the path of --target ({redactor.Apply(options.Target.AbsolutePath)}): some servers answer 400 for an unknown path" };
        }

        if (!outcome.Upgraded)
        {
            return Capabilities.Unknown with { Server = server, Detail = $"no upgrade: {outcome.Describe()}" };
        }

        var run = new CaseRun(PreflightCase("preflight.capabilities.echo", "RFC6455 5.6"), session, new Judgement(RequirementLevel.Informational), DateTime.UtcNow + options.Timeout, options);
        var text = System.Text.Encoding.UTF8.GetBytes(PreflightText);
        var others = new StrongBox<int>();
        var echoesText = await EchoedAsync(run, Opcode.Text, text, DateTime.UtcNow + options.Timeout, others);
        var echoesBinary = run.Open && await EchoedAsync(run, Opcode.Binary, PreflightBinary, DateTime.UtcNow + (echoesText ? options.Timeout : options.Silence), others);
        if (others.Value >= MaxUnrelatedPreflightMessages || others.Value > 0 && !echoesText && !echoesBinary && await StillTalkingAsync(run, others))
        {
            // A target that floods is judged case by case, however fast (or, on a busy machine, slowly) its flood
            // arrives; one that greeted once and went quiet is a target that does not echo.
            return Capabilities.Unknown with { Server = server, Detail = $"the target sent {others.Value} messages of its own during the preflight" };
        }

        var answersPing = false;
        if (run.Open)
        {
            // Recorded as sent, or its Pong would be filed as unsolicited (§5.5.3) and never count as the answer.
            run.PingSent(text);
            await session.WriteAsync(session.Encode(new FrameSpec { Opcode = Opcode.Ping }, text), DeliveryPlan.Whole);
            await run.ReadUntilAsync(() => run.Pongs.Any(p => p.AsSpan().SequenceEqual(text)), DateTime.UtcNow + options.Timeout);
            answersPing = run.Pongs.Any(p => p.AsSpan().SequenceEqual(text));
        }

        if (!run.Open && !(echoesText && echoesBinary && answersPing))
        {
            // A target that drops, floods or closes on a plain echo is judged case by case, not called "no echo".
            return Capabilities.Unknown with { Server = server, Detail = $"the preflight connection ended early ({run.DescribeState()})" };
        }

        await run.CloseAndAwaitEndAsync(CloseCodes.Normal);
        return new Capabilities
        {
            EchoesText = echoesText,
            EchoesBinary = echoesBinary,
            AnswersPing = answersPing,
            Server = server,
            Detail = $"text echo {(echoesText ? "yes" : "no")}, binary echo {(echoesBinary ? "yes" : "no")}, pong {(answersPing ? "yes" : "no")}",
        };
    }

    /// <summary>The case a preflight connection runs as: an exchange nobody judges.</summary>
    internal static CaseDefinition PreflightCase(string id, string clause) => new()
    {
        Id = id,
        Title = "preflight",
        Requirement = "",
        Clause = clause,
        Body = new WireBody { Expect = new Expectation { Oracle = OracleKind.Exchange } },
        Origin = "preflight",
    };

    // Whether messages of the target's own keep coming for another silence time.
    private static async Task<bool> StillTalkingAsync(CaseRun run, StrongBox<int> others)
    {
        var before = others.Value;
        await run.ReadUntilAsync(() =>
        {
            while (run.Messages.TryDequeue(out _))
            {
                others.Value++;
            }

            return others.Value > before;
        }, DateTime.UtcNow + run.Options.Silence);
        return others.Value > before || run.End is FloodIn;
    }

    // Sends one message and reads until it comes back unchanged; other messages are skipped (a target may talk),
    // counted, and end the wait once there are too many to be talk.
    private static async Task<bool> EchoedAsync(CaseRun run, Opcode opcode, byte[] payload, DateTime until, StrongBox<int> others)
    {
        await run.Session.WriteAsync(run.Session.Encode(new FrameSpec { Opcode = opcode }, payload), DeliveryPlan.Whole);
        var found = false;
        await run.ReadUntilAsync(() =>
        {
            while (!found && run.Messages.TryDequeue(out var message))
            {
                found = message.Is(opcode, payload);
                others.Value += found ? 0 : 1;
            }

            return found || others.Value >= MaxUnrelatedPreflightMessages;
        }, until);
        return found;
    }

    /// <inheritdoc/>
    public TimeSpan? Budget(CaseDefinition definition) =>
        options.TimeoutFor(((ExchangeBody)definition.Body).PayloadBytes(options.MaxMessage)) * 2 + options.Transport.ConnectTimeout + options.Silence * 2 + HarnessSlack;

    /// <inheritdoc/>
    public Task AttemptAsync(CaseAttempt attempt, CancellationToken cancellationToken) =>
        ExecuteAsync(attempt.Definition, attempt.Log, attempt.Judgement, attempt.Metrics, cancellationToken);

    /// <summary>Bytes each way, and the throughput of a case that moved enough to measure it.</summary>
    public void Measure(CaseAttempt attempt, TimeSpan elapsed)
    {
        var log = attempt.Log;
        attempt.Metrics["bytesOut"] = log.BytesOut;
        attempt.Metrics["bytesIn"] = log.BytesIn;
        if (log.BytesOut + log.BytesIn >= ThroughputThreshold)
        {
            attempt.Metrics["bytesPerSecond"] = Math.Round((log.BytesOut + log.BytesIn) / Math.Max(elapsed.TotalSeconds, 1e-3));
        }
    }

    /// <inheritdoc/>
    public Task<bool> ReachableAsync(CancellationToken cancellationToken) =>
        Reachability.AcceptsAsync(options.Target, options.Transport, redactor, cancellationToken);

    /// <summary>Nothing to release: every case closes its own connection.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task ExecuteAsync(CaseDefinition definition, WireLog log, Judgement judgement, Dictionary<string, double> metrics, CancellationToken cancellationToken)
    {
        var random = new Random(Seeds.For(options.Seed, definition.Id));
        var key = WebSocketAccept.NewKey(random);
        var body = (ExchangeBody)definition.Body;
        var request = HandshakeBuilder.Build(options, body.Handshake, key, random);
        var payloadBytes = body.PayloadBytes(options.MaxMessage);
        var timeout = options.TimeoutFor(payloadBytes);
        await using var session = await Session.ConnectAsync(options, log, random, cancellationToken);
        // One timer per case, started once the connection is open: the handshake and the steps share it.
        var deadline = DateTime.UtcNow + timeout;
        var outcome = await session.HandshakeAsync(request, key, deadline, Math.Max(16L << 20, payloadBytes * 4 + (1 << 20)));
        switch (body.Expect.Oracle)
        {
            case OracleKind.UpgradeAccepted:
                var oneLine = body.Expect.Declinable == Declinable.AsOneLine && outcome.Response is { StatusCode: not HandshakeResponse.SwitchingProtocols }
                    ? await HandshakeOnOneLineAsync(request, key, random, log, cancellationToken)
                    : null;
                UpgradeOracle.Accepted(outcome, body.Expect.Declinable, judgement, oneLine);
                return;
            case OracleKind.UpgradeRejected:
                UpgradeOracle.Rejected(outcome, body.Expect.RequireVersionHeader, judgement);
                return;
            case OracleKind.UpgradeObserved:
                UpgradeOracle.Observed(outcome, body.Expect.RequireVersionHeader, judgement);
                return;
        }

        if (!UpgradeOracle.Opened(outcome, judgement))
        {
            return;
        }

        var run = new CaseRun(definition, session, judgement, deadline, options, capabilities.Limits);
        await new StepInterpreter(run, random).RunAsync();
        if (run.Limited)
        {
            limited[definition.Id] = true;
        }

        await ConnectionEnding.RunAsync(run);
        foreach (var (name, value) in run.Metrics)
        {
            metrics[name] = value;
        }

        // Only a verdict that counts against the target is worth a second look.
        judgement.DecidedByTimeout |= run.TimedOut && judgement.Verdict >= Verdict.NonStrict;
        if (run.Open)
        {
            await run.CloseAndAwaitEndAsync(CloseCodes.Normal);
        }
    }

    // The refused split offer sent again on one line, on a connection of its own, to tell a choice from a parsing fault.
    private async Task<HandshakeOutcome> HandshakeOnOneLineAsync(HandshakeRequest request, string key, Random random, WireLog log, CancellationToken cancellationToken)
    {
        await using var session = await Session.ConnectAsync(options, log, random, cancellationToken);
        return await session.HandshakeAsync(HandshakeBuilder.OnOneLine(request), key, DateTime.UtcNow + options.Timeout, 16L << 20);
    }

    /// <inheritdoc/>
    public NotRun? Applicability(CaseDefinition definition)
    {
        if (Reason(definition) is { } reason)
        {
            return new NotRun(reason, IsError: capabilities.RefusedStatus is not null);
        }

        var overLimit = LimitOracles.Applicability(definition, (ExchangeBody)definition.Body, options, capabilities.Limits);
        if (overLimit is not null)
        {
            limited[definition.Id] = true;
        }

        return overLimit;
    }

    private string? Reason(CaseDefinition definition)
    {
        if (capabilities.RefusedStatus is { } status)
        {
            return status switch
            {
                404 or 410 => $"the target answered the upgrade with {status}: there is no WebSocket endpoint at {redactor.Apply(options.Target.ToString())}; check the path of --target",
                401 or 403 => $"the target refused the upgrade with {status}; give credentials with --header \"Authorization: ...\" or a cookie",
                _ => $"the target refused the valid handshake, which offers no subprotocol, with {status}; if it requires one, name it with --subprotocol NAME (§4.2.2 step 5: a server accepts only if it chooses to); else check the path of --target ({redactor.Apply(options.Target.AbsolutePath)}): some servers answer 400 for an unknown path",
            };
        }

        if (definition.Body is not ExchangeBody body)
        {
            return "the case is not a raw WebSocket case: browser cases run with --browser, REST cases with --rest-profile";
        }

        if (definition.Requires.Contains(CaseRequirements.MaxMessage) && options.MaxMessage is null)
        {
            return "the case checks a declared message size limit; declare the target's with --max-message BYTES";
        }

        if (!capabilities.Known || !body.NeedsEcho)
        {
            return null;
        }

        var sends = body.Steps.OfType<SendStep>().Select(s => s.Frame.Opcode).ToHashSet();
        if (sends.Contains(Opcode.Text) && !capabilities.EchoesText)
        {
            return "the target does not echo text messages (preflight), and this case judges an echo";
        }

        if (sends.Contains(Opcode.Binary) && !capabilities.EchoesBinary)
        {
            return "the target does not echo binary messages (preflight), and this case judges an echo";
        }

        return null;
    }
}

/// <summary>Derives each case's random seed from the run seed and the case id, so a case replays alone.</summary>
public static class Seeds
{
    /// <summary>FNV-1a of the id mixed with the run seed.</summary>
    public static int For(int runSeed, string caseId)
    {
        var hash = 2166136261u;
        foreach (var c in caseId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash ^ (uint)runSeed);
    }
}
