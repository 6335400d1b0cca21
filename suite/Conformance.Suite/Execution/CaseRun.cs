using Conformance.Suite.Catalogue;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>
/// The state of one case while it runs: what was sent, what came back and has not yet been matched by an
/// expect step, and the judgement. Steps and oracles both read and add to it.
/// </summary>
internal sealed class CaseRun
{
    private readonly MessageAssembler assembler = new();
    private readonly List<byte[]> pingsSent = [];
    private readonly List<byte[]> pingsSentAfterMark = [];

    public CaseRun(CaseDefinition definition, Session session, Judgement judgement, DateTime deadline, RunOptions options, TargetLimits? limits = null)
    {
        Limits = limits ?? TargetLimits.None;
        Definition = definition;
        Session = session;
        Judgement = judgement;
        Deadline = deadline;
        Options = options;
        Invariants = new InvariantTally(session.Role);
        Ledger = new EchoLedger(session.Role);
        if (definition.Body is ClientBody { HasBrokenHandshake: true })
        {
            // The connection never became established: nothing sent on it is owed an echo (§4.1).
            Ledger.Stop();
        }
    }

    public CaseDefinition Definition { get; }
    /// <summary>The steps and expectation: only wire and client cases run on a connection.</summary>
    public ExchangeBody Body => (ExchangeBody)Definition.Body;
    public Session Session { get; }
    public Judgement Judgement { get; }
    public RunOptions Options { get; }

    /// <summary>The size limits the preflight learned, which a Close 1009 is judged against.</summary>
    public TargetLimits Limits { get; }

    /// <summary>The case was found above the target's size limit while it ran (judged unimplemented).</summary>
    public bool Limited { get; set; }

    /// <summary>When the case gives up waiting.</summary>
    public DateTime Deadline { get; }

    /// <summary>Complete data messages received and not yet matched.</summary>
    public Queue<Message> Messages { get; } = new();

    /// <summary>Pong payloads received and not yet matched.</summary>
    public Queue<byte[]> Pongs { get; } = new();

    /// <summary>The echo owed for the valid data sent: relaying it after the offending frame is not carrying on.</summary>
    public EchoLedger Ledger { get; }

    /// <summary>
    /// Data frames received since <see cref="MarkProcessed"/> that no valid frame sent before was owed, and Pongs
    /// answering a Ping sent since then: what proves that the peer carried on after the offending frame.
    /// </summary>
    public FrameTally AfterMark { get; } = new();

    /// <summary>Data frames and Pongs answering a Ping the case sent, in all (for "nothing arrives" checks).</summary>
    public int AnswersReceived { get; private set; }

    /// <summary>
    /// Pongs whose payload is that of no Ping the case sent. §5.5.3: "A Pong frame MAY be sent unsolicited. This serves
    /// as a unidirectional heartbeat." They are recorded and never judged (an empty one cannot be told from the answer
    /// to an empty Ping, so it counts as that answer).
    /// </summary>
    public FrameTally UnsolicitedPongs { get; } = new();

    /// <summary>Whether a fail-fast checkpoint ran, and whether the connection was already failed there.</summary>
    public bool? FailedAtCheckpoint { get; set; }

    /// <summary>The first data message the case sent (for echo-first expectations).</summary>
    public Message? FirstMessageSent { get; set; }

    /// <summary>Figures the steps measured (accepted bytes, round trips...).</summary>
    public Dictionary<string, double> Metrics { get; } = [];

    /// <summary>The payload of the last Close a send step wrote, to tell an echoed Close from a failure.</summary>
    public byte[]? SentClosePayload { get; set; }

    /// <summary>The first Close frame the target sent.</summary>
    public FrameIn? CloseReceived { get; private set; }

    /// <summary>How the connection ended (closed, reset, flooded), if it has.</summary>
    public Inbound? End { get; private set; }

    /// <summary>Client cases: a drop step ended the connection without a Close; the suite closes TCP next.</summary>
    public bool Dropped { get; set; }

    /// <summary>Whether the last read ran into the deadline.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Invariant violations seen in the frames received, checked as they arrive (nothing is kept).</summary>
    public InvariantTally Invariants { get; }

    /// <summary>"the server" or "the client", as verdict texts name the peer.</summary>
    public string Peer => Session.Peer;

    /// <summary>Whether the connection can still deliver something.</summary>
    public bool Open => End is null && CloseReceived is null;

    /// <summary>From now on, data and pongs count as "processed after" (the offending frame is about to be sent).</summary>
    public void MarkProcessed()
    {
        AfterMark.Clear();
        pingsSentAfterMark.Clear();
    }

    /// <summary>A send step wrote a Ping with this payload: a Pong carrying it answers the case.</summary>
    public void PingSent(byte[] payload)
    {
        pingsSent.Add(payload);
        pingsSentAfterMark.Add(payload);
    }

    /// <summary>
    /// Reads one event and files it; false when nothing more will come: the end, a timeout, or a Close unless
    /// <paramref name="pastClose"/> (waiting for the TCP close that follows a Close).
    /// </summary>
    public async Task<bool> PumpAsync(DateTime? until = null, bool pastClose = false)
    {
        if (End is not null || CloseReceived is not null && !pastClose)
        {
            return false;
        }

        // A target that never stops sending must not keep the case past its deadline.
        var deadline = until ?? Deadline;
        if (DateTime.UtcNow >= deadline)
        {
            TimedOut = true;
            return false;
        }

        var inbound = await Session.NextAsync(deadline);
        switch (inbound)
        {
            case TimeoutIn:
                TimedOut = true;
                return false;
            case ClosedIn or FloodIn:
                End = inbound;
                return false;
            case FrameIn frame:
                File(frame);
                return CloseReceived is null || pastClose;
            default:
                return false;
        }
    }

    /// <summary>Reads until <paramref name="satisfied"/> holds or nothing more comes (see <see cref="PumpAsync"/>).</summary>
    public async Task<bool> ReadUntilAsync(Func<bool> satisfied, DateTime? until = null, bool pastClose = false)
    {
        while (!satisfied())
        {
            if (!await PumpAsync(until, pastClose))
            {
                return satisfied();
            }
        }

        return true;
    }

    /// <summary>
    /// Sends a harness Close and gives the peer the silence time to answer: a server closes TCP; a client answers
    /// with its Close, and then the suite, as the server, closes TCP first (§7.1.1).
    /// </summary>
    public async Task CloseAndAwaitEndAsync(ushort code)
    {
        await Session.SendCloseAsync(code);
        if (Session.Role == EndpointRole.Server)
        {
            await ReadUntilAsync(() => !Open, DateTime.UtcNow + Options.Silence);
            return;
        }

        await AwaitEndAsync();
    }

    /// <summary>Reads, past any Close, until TCP ends or the silence time is over.</summary>
    public Task<bool> AwaitEndAsync() => ReadUntilAsync(() => End is not null, DateTime.UtcNow + Options.Silence, pastClose: true);

    /// <summary>How the connection stands, in words.</summary>
    public string DescribeState()
    {
        var parts = new List<string>();
        if (CloseReceived is not null)
        {
            parts.Add(CloseReceived.ToString());
        }

        if (End is not null)
        {
            parts.Add(End.ToString()!);
        }
        else if (TimedOut && CloseReceived is null)
        {
            parts.Add($"nothing more within {(int)Options.TimeoutFor(0).TotalMilliseconds} ms, connection still open");
        }

        return parts.Count == 0 ? "connection open" : string.Join(", then ", parts);
    }

    private void File(FrameIn frame)
    {
        Invariants.Observe(frame);
        var opcode = frame.Header.Opcode;
        if (opcode == Opcode.Close)
        {
            CloseReceived ??= frame;
            return;
        }

        if (opcode == Opcode.Ping)
        {
            // The target's own ping (arriving after our Close, so not answered): it answers nothing we sent.
            return;
        }

        if (opcode == Opcode.Pong)
        {
            if (!Answers(pingsSent, frame.Payload))
            {
                UnsolicitedPongs.Add(frame);
                return;
            }

            AnswersReceived++;
            Pongs.Enqueue(frame.Payload);
            if (Answers(pingsSentAfterMark, frame.Payload))
            {
                AfterMark.Add(frame);
            }

            return;
        }

        AnswersReceived++;
        var data = opcode is Opcode.Text or Opcode.Binary or Opcode.Continuation;
        if (!data || !Ledger.Received(frame.Payload))
        {
            AfterMark.Add(frame);
        }

        if (data)
        {
            if (assembler.Add(frame, Judgement.Annotate) is { } message)
            {
                Messages.Enqueue(message);
            }
        }
        else
        {
            Judgement.Annotate($"{Peer} sent a frame with {Opcodes.Name(opcode)} (§5.2)");
        }
    }

    private static bool Answers(List<byte[]> pings, byte[] pong) => pings.Exists(p => p.AsSpan().SequenceEqual(pong));
}

/// <summary>Counts frames and keeps the first few descriptions, so a flood of frames costs no memory.</summary>
internal sealed class FrameTally
{
    private const int MaxSamples = 3;
    private readonly List<string> samples = [];

    public int Count { get; private set; }

    /// <summary>How many of the frames are Pongs.</summary>
    public int Pongs { get; private set; }

    public void Add(FrameIn frame)
    {
        Count++;
        Pongs += frame.Header.Opcode == Opcode.Pong ? 1 : 0;
        if (samples.Count < MaxSamples)
        {
            samples.Add(frame.ToString());
        }
    }

    public void Clear()
    {
        Count = 0;
        Pongs = 0;
        samples.Clear();
    }

    /// <summary>"text frame (5 bytes), pong frame (5 bytes) and 7 more".</summary>
    public override string ToString() =>
        string.Join(", ", samples) + (Count > samples.Count ? $" and {Count - samples.Count} more frames" : "");
}
