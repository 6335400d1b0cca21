using Conformance.Suite.Catalogue;
using Conformance.Suite.Oracles;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>
/// Learns a target's size limits once, in the preflight, so that no verdict depends on which case ran first: messages
/// of a fixed ladder of sizes, one type at a time, each on one connection until the first that does not come back.
/// Single frames first; when one is refused with 1009, the same sizes again in frames no larger than one that came
/// back tell a frame limit from a message limit.
/// </summary>
internal static class LimitLadder
{
    /// <summary>
    /// The rungs: the edge of the 7-bit length (§5.2), then sizes around common defaults (8 KiB, 64 KiB, 1 MiB) up to
    /// the largest a case sends. Larger cases are sent, and a 1009 to one above every rung echoed is the limit.
    /// </summary>
    public static readonly long[] Rungs = [125, 126, 1024, 8192, 65536, 1L << 20];

    private static readonly CaseDefinition Ladder = Executor.PreflightCase("preflight.limits", "RFC6455 10.4");

    /// <summary>The rungs needed for messages up to <paramref name="largest"/> bytes: those below it and the first at or above it.</summary>
    public static IReadOnlyList<long> For(long largest) =>
        largest <= Rungs[0] ? [] : [.. Rungs.Where(r => r < largest), .. Rungs.Where(r => r >= largest).Take(1)];

    /// <summary>The limits of one message type, up to the rungs given.</summary>
    public static async Task<TypeLimits> ProbeAsync(RunOptions options, Redactor redactor, Opcode type, IReadOnlyList<long> rungs, CancellationToken cancellationToken)
    {
        var single = await ClimbAsync(options, redactor, type, rungs, null, cancellationToken);
        if (single.Refused is not { } refusedAt)
        {
            return new TypeLimits(single, single);
        }

        if (single.Echoed is not { } frameEchoed)
        {
            // Even the smallest rung was refused: a message limit, whatever the frames.
            return new TypeLimits(single, SizeLimit.Unknown);
        }

        var fragmented = await ClimbAsync(options, redactor, type, [.. rungs.Where(r => r >= refusedAt)], frameEchoed, cancellationToken);
        return fragmented.Echoed is null
            ? new TypeLimits(new SizeLimit(frameEchoed, fragmented.Refused), SizeLimit.Unknown)
            : new TypeLimits(fragmented, single);
    }

    // Sends each rung as one message (in frames of at most `fragment` bytes) and waits for its echo; stops at the first
    // that does not come back. Only a Close 1009 marks a refusal: a timeout or a drop says nothing of a limit.
    private static async Task<SizeLimit> ClimbAsync(RunOptions options, Redactor redactor, Opcode type, IReadOnlyList<long> rungs, long? fragment, CancellationToken cancellationToken)
    {
        if (rungs.Count == 0)
        {
            return SizeLimit.Unknown;
        }

        var random = new Random(Seeds.For(options.Seed, $"{Ladder.Id}.{type}.{fragment}"));
        var key = WebSocketAccept.NewKey(random);
        await using var session = await Session.ConnectAsync(options, new WireLog(redactor), random, cancellationToken);
        var outcome = await session.HandshakeAsync(HandshakeBuilder.Build(options, null, key, random), key, DateTime.UtcNow + options.Timeout, rungs[^1] * 2 + (1 << 20));
        if (!outcome.Upgraded)
        {
            return SizeLimit.Unknown;
        }

        var run = new CaseRun(Ladder, session, new Judgement(RequirementLevel.Informational), DateTime.UtcNow + options.TimeoutFor(rungs.Sum() * 2) * 2, options);
        long? echoed = null;
        foreach (var size in rungs)
        {
            var payload = new byte[size];
            Array.Fill(payload, (byte)'a');
            await session.WriteAsync(Frames(session, type, payload, fragment ?? size), DeliveryPlan.Whole);
            var back = false;
            await run.ReadUntilAsync(() =>
            {
                while (!back && run.Messages.TryDequeue(out var message))
                {
                    back = message.Is(type, payload);
                }

                return back;
            }, DateTime.UtcNow + options.TimeoutFor(size * 2));
            if (!back)
            {
                return new SizeLimit(echoed, run.CloseReceived is { } close && CloseBody.Code(close.Payload) == CloseCodes.MessageTooBig ? size : null);
            }

            echoed = size;
        }

        await run.CloseAndAwaitEndAsync(CloseCodes.Normal);
        return new SizeLimit(echoed, null);
    }

    private static byte[] Frames(Session session, Opcode type, byte[] payload, long fragment)
    {
        var frames = new List<byte[]>();
        for (long offset = 0; offset < payload.Length; offset += fragment)
        {
            var length = (int)Math.Min(fragment, payload.Length - offset);
            var spec = new FrameSpec { Opcode = offset == 0 ? type : Opcode.Continuation, Fin = offset + length == payload.Length };
            frames.Add(session.Encode(spec, payload.AsSpan((int)offset, length).ToArray()));
        }

        return MessageAssembler.Concat(frames);
    }
}
