using Conformance.Suite.Catalogue;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>
/// Runs a case's steps in order. Send and raw steps are queued and written by the case's delivery plan
/// (whole: consecutive ones in one write); expect steps match what came back; wait pauses.
/// </summary>
internal sealed class StepInterpreter
{
    private readonly CaseRun run;
    private readonly Random random;
    private readonly List<byte[]> queued = [];
    private readonly List<Message> sentSinceExpect = [];
    private readonly List<byte[]> pingsSinceExpect = [];
    private List<byte[]>? sendingParts;
    private Opcode sendingOpcode;
    private byte[]? earlyPongDue;

    public StepInterpreter(CaseRun run, Random random)
    {
        this.run = run;
        this.random = random;
    }

    public async Task RunAsync()
    {
        var lastExpect = LastExpectIndex();
        for (var i = 0; i < run.Body.Steps.Count; i++)
        {
            if (i == lastExpect + 1)
            {
                // Everything the target answers from here on answers the frames a negative case is about.
                await FlushAsync();
                run.MarkProcessed();
            }

            switch (run.Body.Steps[i])
            {
                case SendStep send:
                    Queue(send.Frame);
                    break;
                case RawStep raw:
                    // Bytes written by hand: what they hold is not followed, so nothing after them is owed.
                    run.Ledger.Stop();
                    queued.Add(raw.Bytes);
                    break;
                case WaitStep wait:
                    await FlushAsync();
                    await Task.Delay(wait.Milliseconds);
                    break;
                case ExpectEchoStep:
                    await FlushAsync();
                    await ExpectMessagesAsync([.. sentSinceExpect], "the echo of");
                    sentSinceExpect.Clear();
                    break;
                case ExpectMessageStep message:
                    await FlushAsync();
                    await ExpectMessagesAsync([new Message(message.Opcode, message.Payload.Resolve(random, message.Opcode == Opcode.Text), 1)], "");
                    break;
                case ExpectPongStep pong:
                    await FlushAsync();
                    await ExpectPongAsync(pong.Early);
                    break;
                case ExpectSilenceStep:
                    await FlushAsync();
                    await ExpectSilenceAsync();
                    break;
                case ExpectFailedStep:
                    await FlushAsync();
                    await run.ReadUntilAsync(() => !run.Open, DateTime.UtcNow + run.Options.Silence);
                    run.FailedAtCheckpoint = !run.Open;
                    break;
                case SendUntilClosedStep flood:
                    await FlushAsync();
                    await SendUntilClosedAsync(flood);
                    break;
                case DropStep:
                    // The connection ends here without a Close: nothing after this step can be sent.
                    await FlushAsync();
                    run.Dropped = true;
                    return;
            }
        }

        await FlushAsync();
        await SettleEarlyPongAsync();
    }

    // The mark sits after the last step that expects an answer: what comes after it answers the offending frames.
    private int LastExpectIndex()
    {
        var steps = run.Body.Steps;
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            if (steps[i] is ExpectEchoStep or ExpectPongStep or ExpectMessageStep or ExpectSilenceStep)
            {
                return i;
            }
        }

        return -1;
    }

    private void Queue(FrameSpec frame)
    {
        var printable = frame.Opcode == Opcode.Text || frame.Opcode == Opcode.Continuation && sendingOpcode == Opcode.Text;
        var payload = frame.Payload.WithLimit(run.Options.MaxMessage).Resolve(random, printable);
        if (frame.FragmentSize is { } size && payload.Length > size)
        {
            // One message in several frames: the first with the case's opcode, then continuations.
            for (var offset = 0; offset < payload.Length; offset += size)
            {
                var last = offset + size >= payload.Length;
                var part = payload.AsSpan(offset, Math.Min(size, payload.Length - offset)).ToArray();
                var spec = frame with { Opcode = offset == 0 ? frame.Opcode : Opcode.Continuation, Fin = last && frame.Fin, FragmentSize = null };
                queued.Add(run.Session.Encode(spec, part));
                run.Ledger.Sent(spec, part);
            }
        }
        else
        {
            queued.Add(run.Session.Encode(frame, payload));
            run.Ledger.Sent(frame, payload);
        }

        Track(frame, payload);
    }

    // Remembers the messages the case sends, so an expect-echo step knows what must come back.
    private void Track(FrameSpec frame, byte[] payload)
    {
        switch (frame.Opcode)
        {
            case Opcode.Text or Opcode.Binary:
                sendingParts = [payload];
                sendingOpcode = frame.Opcode;
                break;
            case Opcode.Continuation when sendingParts is not null:
                sendingParts.Add(payload);
                break;
            case Opcode.Ping:
                pingsSinceExpect.Add(payload);
                run.PingSent(payload);
                return;
            case Opcode.Close:
                run.SentClosePayload = payload;
                return;
            default:
                return;
        }

        if (frame.Fin)
        {
            var message = new Message(sendingOpcode, MessageAssembler.Concat(sendingParts), sendingParts.Count);
            sentSinceExpect.Add(message);
            run.FirstMessageSent ??= message;
            sendingParts = null;
        }
    }

    private async Task FlushAsync()
    {
        if (queued.Count == 0)
        {
            return;
        }

        var plan = run.Body.Delivery;
        if (plan.Mode == DeliveryMode.Whole)
        {
            await run.Session.WriteAsync(MessageAssembler.Concat(queued), plan);
        }
        else
        {
            foreach (var bytes in queued)
            {
                if (!await run.Session.WriteAsync(bytes, plan))
                {
                    break;
                }
            }
        }

        queued.Clear();
    }

    private async Task ExpectMessagesAsync(IReadOnlyList<Message> expected, string what)
    {
        if (expected.Count == 0)
        {
            return;
        }

        await run.ReadUntilAsync(() => run.Messages.Count >= expected.Count);
        foreach (var want in expected)
        {
            var description = $"{what} {want}".Trim();
            if (!run.Messages.TryDequeue(out var got))
            {
                if (!LimitOracles.TooBig(run, run.Limits))
                {
                    StepOracles.MessageMissing(run.Judgement, description, run.DescribeState(), run.TimedOut);
                }

                return;
            }

            if (!StepOracles.MessageReceived(run.Judgement, description, want, got))
            {
                return;
            }
        }

        await SettleEarlyPongAsync();
    }

    // §5.5.3: a Pong answers the most recent Ping; Pongs for earlier Pings are allowed and skipped.
    private async Task ExpectPongAsync(bool early)
    {
        var want = pingsSinceExpect.Count > 0 ? pingsSinceExpect[^1] : [];
        pingsSinceExpect.Clear();
        var until = early ? DateTime.UtcNow + run.Options.Silence : run.Deadline;
        if (TakePong(want) || await run.ReadUntilAsync(() => TakePong(want), until))
        {
            StepOracles.PongReceived(run.Judgement, want.Length);
            return;
        }

        if (early && run.Open)
        {
            earlyPongDue = want;
            return;
        }

        StepOracles.PongMissing(run.Judgement, want.Length, run.DescribeState(), run.UnsolicitedPongs, run.TimedOut);
    }

    // Pongs for earlier Pings, or answered twice, are skipped: only the awaited payload is looked for.
    private bool TakePong(byte[] want)
    {
        while (run.Pongs.TryDequeue(out var got))
        {
            if (got.AsSpan().SequenceEqual(want))
            {
                return true;
            }
        }

        return false;
    }

    // A Pong due during a fragmented message that came only after it: late, which §5.5.2 allows but discourages.
    private async Task SettleEarlyPongAsync()
    {
        if (earlyPongDue is not { } want)
        {
            return;
        }

        earlyPongDue = null;
        if (TakePong(want) || await run.ReadUntilAsync(() => TakePong(want), run.Deadline))
        {
            StepOracles.PongLate(run.Judgement);
            return;
        }

        StepOracles.PongMissing(run.Judgement, want.Length, run.DescribeState(), run.UnsolicitedPongs, run.TimedOut);
    }

    private async Task ExpectSilenceAsync()
    {
        var before = run.AnswersReceived;
        await run.ReadUntilAsync(() => run.AnswersReceived > before || !run.Open, DateTime.UtcNow + run.Options.Silence);
        var answer = run.AnswersReceived > before ? run.AfterMark.ToString() : !run.Open ? run.DescribeState() : null;
        StepOracles.Silence(run.Judgement, run.Peer, answer, run.Options.Silence);
    }

    private async Task SendUntilClosedAsync(SendUntilClosedStep flood)
    {
        run.Ledger.Stop();
        long sent = 0;
        var chunk = new byte[flood.Chunk];
        Array.Fill(chunk, (byte)'x');
        var first = true;
        while (sent < flood.MaxBytes && run.Open)
        {
            var frame = run.Session.Encode(new FrameSpec { Opcode = first ? Opcode.Text : Opcode.Continuation, Fin = false }, chunk);
            if (!await run.Session.WriteAsync(frame, DeliveryPlan.Whole))
            {
                break;
            }

            first = false;
            sent += chunk.Length;
            // Look for a Close or a drop without waiting: the server may stop us at any point.
            await run.PumpAsync(DateTime.UtcNow.AddMilliseconds(1));
        }

        run.Metrics["acceptedBytes"] = sent;
        run.Judgement.Observe($"sent {sent} bytes of one unfinished message");
    }
}
