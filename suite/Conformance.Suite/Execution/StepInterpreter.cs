using Conformance.Suite.Catalogue;
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
    private List<byte[]>? sendingParts;
    private Opcode sendingOpcode;
    private byte[]? lastPing;

    public StepInterpreter(CaseRun run, Random random)
    {
        this.run = run;
        this.random = random;
    }

    /// <summary>Bytes of payload the case sends, for timeouts and caps.</summary>
    public static long PayloadBytes(CaseDefinition definition) =>
        definition.Steps.Sum(s => s switch { SendStep send => (long)send.Frame.Payload.Length, RawStep raw => raw.Bytes.Length, _ => 0 });

    public async Task RunAsync()
    {
        var lastExpect = LastExpectIndex();
        for (var i = 0; i < run.Definition.Steps.Count; i++)
        {
            if (i == lastExpect + 1)
            {
                // Everything the target answers from here on answers the frames a negative case is about.
                await FlushAsync();
                run.MarkProcessed();
            }

            switch (run.Definition.Steps[i])
            {
                case SendStep send:
                    Queue(send.Frame);
                    break;
                case RawStep raw:
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
                case ExpectPongStep:
                    await FlushAsync();
                    await ExpectPongAsync();
                    break;
            }
        }

        await FlushAsync();
    }

    private int LastExpectIndex()
    {
        var steps = run.Definition.Steps;
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            if (steps[i] is ExpectEchoStep or ExpectPongStep or ExpectMessageStep)
            {
                return i;
            }
        }

        return -1;
    }

    private void Queue(FrameSpec frame)
    {
        var printable = frame.Opcode == Opcode.Text || frame.Opcode == Opcode.Continuation && sendingOpcode == Opcode.Text;
        var payload = frame.Payload.Resolve(random, printable);
        queued.Add(run.Session.Encode(frame, payload));
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
                lastPing = payload;
                return;
            case Opcode.Close:
                run.SentClosePayload = payload;
                return;
            default:
                return;
        }

        if (frame.Fin)
        {
            sentSinceExpect.Add(new Message(sendingOpcode, sendingParts.SelectMany(p => p).ToArray(), sendingParts.Count));
            sendingParts = null;
        }
    }

    private async Task FlushAsync()
    {
        if (queued.Count == 0)
        {
            return;
        }

        var plan = run.Definition.Delivery;
        if (plan.Mode == DeliveryMode.Whole)
        {
            await run.Session.WriteAsync(queued.SelectMany(b => b).ToArray(), plan);
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
                run.Judgement.DecidedByTimeout |= run.TimedOut;
                run.Judgement.Violation($"expected {description}, got {run.DescribeState()}");
                return;
            }

            if (got.Opcode != want.Opcode || !got.Payload.AsSpan().SequenceEqual(want.Payload))
            {
                run.Judgement.Violation($"expected {description}, got {got}{Difference(want.Payload, got.Payload)}");
                return;
            }

            run.Judgement.Observe($"{got} came back");
        }
    }

    private async Task ExpectPongAsync()
    {
        var want = lastPing ?? [];
        await run.ReadUntilAsync(() => run.Pongs.Count > 0);
        if (!run.Pongs.TryDequeue(out var got))
        {
            run.Judgement.DecidedByTimeout |= run.TimedOut;
            run.Judgement.Violation($"expected a Pong with the Ping's {want.Length}-byte payload (§5.5.3), got {run.DescribeState()}");
            return;
        }

        if (!got.AsSpan().SequenceEqual(want))
        {
            run.Judgement.Violation($"the Pong carries {got.Length} bytes{Difference(want, got)}, not the Ping's {want.Length} (§5.5.3: identical Application data)");
            return;
        }

        run.Judgement.Observe($"Pong ({got.Length} bytes) came back");
    }

    private static string Difference(byte[] want, byte[] got)
    {
        if (want.Length != got.Length)
        {
            return $" (length {got.Length}, expected {want.Length})";
        }

        var at = want.AsSpan().CommonPrefixLength(got);
        return at < want.Length ? $" (first difference at byte {at})" : "";
    }
}
