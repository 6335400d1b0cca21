namespace Conformance.Suite.Wire;

/// <summary>How the bytes of consecutive send steps are written to the socket.</summary>
public enum DeliveryMode
{
    /// <summary>All frames of consecutive send steps in one write.</summary>
    Whole,
    /// <summary>One write per frame.</summary>
    PerFrame,
    /// <summary>Writes of <see cref="DeliveryPlan.ChopSize"/> bytes.</summary>
    Chops,
    /// <summary>One write per byte, for frames up to <see cref="DeliveryPlan.MaxBytewiseFrame"/> bytes.</summary>
    Bytewise,
}

/// <summary>
/// A typed plan for delivering bytes, so any case can be replayed byte by byte. Frames larger than
/// <see cref="MaxBytewiseFrame"/> asked for byte-by-byte go out in chops of <see cref="LargeFrameChop"/> instead,
/// which keeps a byte-wise case of a big frame from taking minutes.
/// </summary>
public sealed record DeliveryPlan(DeliveryMode Mode, int ChopSize = 0, int DelayMs = 0)
{
    /// <summary>The largest frame sent one byte per write.</summary>
    public const int MaxBytewiseFrame = 256;
    /// <summary>The chop size used instead for larger frames (Autobahn's 997-octet chops).</summary>
    public const int LargeFrameChop = 997;

    /// <summary>The default plan: one write.</summary>
    public static DeliveryPlan Whole { get; } = new(DeliveryMode.Whole);

    /// <summary>Splits one frame's bytes into the writes this plan makes.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> frame)
    {
        var size = Mode switch
        {
            DeliveryMode.Bytewise => frame.Length <= MaxBytewiseFrame ? 1 : LargeFrameChop,
            DeliveryMode.Chops => ChopSize,
            _ => frame.Length,
        };
        size = Math.Max(size, 1);
        for (var offset = 0; offset < frame.Length; offset += size)
        {
            yield return frame.Slice(offset, Math.Min(size, frame.Length - offset));
        }
    }

    /// <summary>The plan as written in a case file and a re-run command.</summary>
    public override string ToString() => Mode switch
    {
        DeliveryMode.Chops => $"chops:{ChopSize}",
        DeliveryMode.PerFrame => "per-frame",
        DeliveryMode.Bytewise => "bytewise",
        _ => "whole",
    } + (DelayMs > 0 ? $"+delay:{DelayMs}" : "");

    /// <summary>Parses "whole", "per-frame", "bytewise" or "chops:N", optionally followed by "+delay:MS".</summary>
    public static bool TryParse(string? text, out DeliveryPlan plan)
    {
        plan = Whole;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var parts = text.Split('+', 2);
        var delay = 0;
        if (parts.Length == 2)
        {
            if (!parts[1].StartsWith("delay:", StringComparison.Ordinal) || !int.TryParse(parts[1]["delay:".Length..], out delay) || delay < 0)
            {
                return false;
            }
        }

        var mode = parts[0].Trim();
        switch (mode)
        {
            case "whole": plan = new DeliveryPlan(DeliveryMode.Whole, 0, delay); return true;
            case "per-frame": plan = new DeliveryPlan(DeliveryMode.PerFrame, 0, delay); return true;
            case "bytewise": plan = new DeliveryPlan(DeliveryMode.Bytewise, 1, delay); return true;
        }

        if (mode.StartsWith("chops:", StringComparison.Ordinal) && int.TryParse(mode["chops:".Length..], out var chop) && chop > 0)
        {
            plan = new DeliveryPlan(DeliveryMode.Chops, chop, delay);
            return true;
        }

        return false;
    }
}
