using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Oracles;

/// <summary>
/// Size limits (§10.4: "Such an implementation SHOULD impose a limit on frame sizes and the total message size after
/// reassembly from multiple frames"). A limit is allowed, so a case above the target's limit is unimplemented, never
/// failed; only an explicit Close 1009 is a limit, and a limit is a size: a 1009 for a message no larger than one
/// the target echoed (or within the limit the user declared) is the case's own violation.
/// </summary>
public static class LimitOracles
{
    /// <summary>The smallest size limit a target can have and still take the 16-bit lengths of §5.2.</summary>
    private const long SmallestFairLimit = 126;

    /// <summary>Why a case is not run for the target's limits, or null when it is within them.</summary>
    internal static NotRun? Applicability(CaseDefinition definition, ExchangeBody body, RunOptions options, TargetLimits limits)
    {
        if (definition.Requires.Contains(CaseRequirements.MaxMessage))
        {
            // These cases are about the declared limit itself.
            return null;
        }

        return body.MessageSizes(options.MaxMessage).Select(message => ForMessage(message, options, limits)).FirstOrDefault(notRun => notRun is not null);
    }

    /// <summary>Why a case sending <paramref name="message"/> is not run for the target's limits, or null.</summary>
    public static NotRun? ForMessage(MessageSize message, RunOptions options, TargetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        var name = Opcodes.Name(message.Type);
        if (options.MaxMessage is { } declared && message.Bytes > declared)
        {
            return new NotRun($"the case sends a {message.Bytes}-byte {name} message, above the declared --max-message {declared} (§10.4)");
        }

        if (options.MaxFrame is { } declaredFrame && message.LargestFrame > declaredFrame)
        {
            return new NotRun($"the case sends a {message.LargestFrame}-byte {name} frame, above the declared --max-frame {declaredFrame} (§10.4)");
        }

        var learned = limits.For(message.Type);
        if (options.MaxMessage is null && learned.Message.Refused is { } refused && message.Bytes >= refused)
        {
            return Limited($"{name} messages", refused, message.Bytes);
        }

        if (options.MaxFrame is null && learned.Frame.Refused is { } refusedFrame && message.LargestFrame >= refusedFrame)
        {
            return Limited($"{name} frames", refusedFrame, message.LargestFrame);
        }

        return null;
    }

    /// <summary>
    /// The target closed with 1009 where an echo was due: the case's violation when nothing it sent is larger than what
    /// the target echoed in the preflight or than the declared limit; otherwise the target's limit, unimplemented.
    /// </summary>
    /// <returns>False when the target did not close with 1009, so that the missing echo is judged as such.</returns>
    internal static bool TooBig(CaseRun run, TargetLimits limits)
    {
        if (run.CloseReceived is not { } close || CloseBody.Code(close.Payload) != CloseCodes.MessageTooBig)
        {
            return false;
        }

        var options = run.Options;
        var sizes = run.Body.MessageSizes(options.MaxMessage);
        if (options.MaxMessage is { } declared)
        {
            run.Judgement.Violation($"{run.Peer} closed with 1009 (message too big) on messages of at most {Largest(sizes)} bytes, within the declared --max-message {declared}: {close}");
            return true;
        }

        var over = sizes.FirstOrDefault(m => Beyond(m.Bytes, limits.For(m.Type).Message.Echoed) || Beyond(m.LargestFrame, limits.For(m.Type).Frame.Echoed));
        if (over is null)
        {
            run.Judgement.Violation($"{run.Peer} closed with 1009 (message too big) on messages of at most {Largest(sizes)} bytes, though it echoed larger ones in the preflight: a limit is a size (§10.4), not a choice per message: {close}");
            return true;
        }

        run.Limited = true;
        var name = Opcodes.Name(over.Type);
        run.Judgement.Unimplemented(Beyond(over.Bytes, limits.For(over.Type).Message.Echoed)
            ? $"the target limits {name} messages to under {over.Bytes} bytes (§10.4: it closed with 1009 on this case's {over.Bytes}-byte message)"
            : $"the target limits {name} frames to under {over.LargestFrame} bytes (§10.4: it closed with 1009 on this case's {over.LargestFrame}-byte frame)");
        return true;
    }

    private static NotRun Limited(string what, long refused, long size)
    {
        var reason = $"the target limits {what} to under {refused} bytes (§10.4: it closed with 1009 on a {refused}-byte one in the preflight); this case sends {size}";
        return refused <= SmallestFairLimit
            ? new NotRun($"{reason}. A limit this small refuses every message that needs the 16-bit length of §5.2 (the suite's convention, not RFC text)", Violates: Rules.Wire.FairSizeLimit)
            : new NotRun(reason);
    }

    private static bool Beyond(long size, long? echoed) => echoed is not { } largest || size > largest;

    private static long Largest(IReadOnlyList<MessageSize> sizes) => sizes.Count == 0 ? 0 : sizes.Max(m => m.Bytes);
}
