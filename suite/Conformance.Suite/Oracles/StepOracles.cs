using Conformance.Suite.Execution;

namespace Conformance.Suite.Oracles;

/// <summary>
/// The verdicts of a case's expect steps: what the step interpreter read (a message, a Pong, silence) against what
/// the steps say is due. The interpreter reads and waits; these decide.
/// </summary>
internal static class StepOracles
{
    /// <summary>A message that was due never came; <paramref name="state"/> says what the connection did instead.</summary>
    public static void MessageMissing(Judgement judgement, string description, string state, bool timedOut)
    {
        judgement.DecidedByTimeout |= timedOut;
        judgement.Violation($"expected {description}, got {state}");
    }

    /// <summary>A message came where <paramref name="want"/> was due; false when it is not the one (the case is decided).</summary>
    public static bool MessageReceived(Judgement judgement, string description, Message want, Message got)
    {
        if (!got.Is(want.Opcode, want.Payload))
        {
            judgement.Violation($"expected {description}, got {got}{Difference(want.Payload, got.Payload)}");
            return false;
        }

        judgement.Observe($"{got} came back");
        return true;
    }

    /// <summary>The Pong answering the most recent Ping came back.</summary>
    public static void PongReceived(Judgement judgement, int length) => judgement.Observe($"Pong ({length} bytes) came back");

    /// <summary>
    /// No Pong with the Ping's payload came (§5.5.3: "A Pong frame sent in response to a Ping frame must have identical
    /// "Application data" as found in the message body of the Ping frame being replied to."). Pongs with another
    /// payload answer no Ping: they are named as evidence, not judged (§5.5.3: "A Pong frame MAY be sent unsolicited").
    /// </summary>
    public static void PongMissing(Judgement judgement, int length, string state, FrameTally unsolicited, bool timedOut)
    {
        judgement.DecidedByTimeout |= timedOut;
        var others = unsolicited.Count == 0 ? "" : $"; {unsolicited.Count} Pong{(unsolicited.Count == 1 ? " that answers" : "s that answer")} no Ping sent came instead ({unsolicited})";
        judgement.Violation($"expected a Pong with the Ping's {length}-byte payload (§5.5.3), got {state}{others}");
    }

    /// <summary>A Ping sent inside a fragmented message was answered only after the message was complete.</summary>
    public static void PongLate(Judgement judgement) =>
        judgement.Violation(Rules.Wire.PongPromptly, "the Pong came only after the fragmented message was complete (§5.5.2: \"as soon as is practical\")");

    /// <summary>
    /// Nothing was due for the silence window; <paramref name="answer"/> is what came anyway (an answer, or the
    /// connection's end), or null when nothing did.
    /// </summary>
    public static void Silence(Judgement judgement, string peer, string? answer, TimeSpan window)
    {
        if (answer is not null)
        {
            judgement.Violation($"nothing was due, but {peer} answered: {answer}");
            return;
        }

        judgement.Observe($"nothing within {(int)window.TotalMilliseconds} ms, as due");
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
