using System.Globalization;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>One size limit as the preflight's ladder saw it: the largest size echoed, and the smallest closed with 1009.</summary>
/// <param name="Echoed">The largest rung that came back; null when none did.</param>
/// <param name="Refused">The smallest rung answered with Close 1009; null when none was (no limit seen).</param>
public sealed record SizeLimit(long? Echoed, long? Refused)
{
    /// <summary>Nothing learned.</summary>
    public static SizeLimit Unknown { get; } = new(null, null);
}

/// <summary>The limits of one message type: on whole messages and on single frames (§10.4).</summary>
public sealed record TypeLimits(SizeLimit Message, SizeLimit Frame)
{
    /// <summary>Nothing learned.</summary>
    public static TypeLimits Unknown { get; } = new(SizeLimit.Unknown, SizeLimit.Unknown);
}

/// <summary>
/// What the preflight learned of the target's size limits (§10.4: "implementations SHOULD impose a limit on frame
/// sizes and the total message size"). Only an explicit Close 1009 is a limit; a hang or a reset is not.
/// </summary>
public sealed record TargetLimits
{
    /// <summary>No ladder ran.</summary>
    public static TargetLimits None { get; } = new();

    /// <summary>Text messages.</summary>
    public TypeLimits Text { get; init; } = TypeLimits.Unknown;
    /// <summary>Binary messages.</summary>
    public TypeLimits Binary { get; init; } = TypeLimits.Unknown;

    /// <summary>The limits of <paramref name="type"/> (text or binary).</summary>
    public TypeLimits For(Opcode type) => type == Opcode.Text ? Text : Binary;

    /// <summary>The limits in words, for the preflight line; empty when none was seen.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        foreach (var (name, limits) in new[] { ("text", Text), ("binary", Binary) })
        {
            if (limits.Message.Refused is { } message)
            {
                parts.Add($"{name} messages under {Bytes(message)}");
            }

            if (limits.Frame.Refused is { } frame && frame != limits.Message.Refused)
            {
                parts.Add($"{name} frames under {Bytes(frame)}");
            }
        }

        return parts.Count == 0 ? "" : $"limits (Close 1009, §10.4): {string.Join(", ", parts)}";
    }

    /// <summary>Name/value pairs for the run info: each limit seen, with the largest size that was echoed.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToPairs()
    {
        foreach (var (name, limits) in new[] { ("text", Text), ("binary", Binary) })
        {
            foreach (var (kind, limit) in new[] { ("Message", limits.Message), ("Frame", limits.Frame) })
            {
                if (limit.Refused is { } refused)
                {
                    var echoed = limit.Echoed is { } e ? $"; {Bytes(e)} echoed" : "";
                    yield return KeyValuePair.Create($"{name}{kind}Limit", $"under {Bytes(refused)} (Close 1009 at {Bytes(refused)}{echoed})");
                }
            }
        }
    }

    // "65536 bytes".
    private static string Bytes(long count) => count.ToString(CultureInfo.InvariantCulture) + " bytes";
}
