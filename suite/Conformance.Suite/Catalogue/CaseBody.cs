using Conformance.Suite.Wire;

namespace Conformance.Suite.Catalogue;

/// <summary>The kinds of case, one per body: how a case runs and who is judged.</summary>
public enum CaseKind
{
    /// <summary>The suite is the client and writes raw bytes to the target (<see cref="WireBody"/>).</summary>
    Wire,
    /// <summary>The suite is the server and judges the client that connects (<see cref="ClientBody"/>).</summary>
    Client,
    /// <summary>A named probe checks an HTTP API (<see cref="RestBody"/>).</summary>
    Rest,
    /// <summary>The harness page drives the browser's own WebSocket API against the target (<see cref="BrowserBody"/>).</summary>
    Browser,
}

/// <summary>What a case does and how it is judged; one sealed record per <see cref="CaseKind"/>.</summary>
public abstract record CaseBody
{
    /// <summary>The kind this body states.</summary>
    public abstract CaseKind Kind { get; }
}

/// <summary>
/// The body of the two kinds written in the step vocabulary: a handshake, frames sent in the suite's role and an
/// expectation. Wire and client cases share it; what each role may use is checked on load.
/// </summary>
public abstract record ExchangeBody : CaseBody
{
    /// <summary>
    /// Changes to the standard opening request (wire) or to the standard 101 response (client); null keeps the
    /// standard one.
    /// </summary>
    public HandshakeChanges? Handshake { get; init; }
    /// <summary>How send steps are written.</summary>
    public DeliveryPlan Delivery { get; init; } = DeliveryPlan.Whole;
    /// <summary>The steps after the handshake.</summary>
    public IReadOnlyList<Step> Steps { get; init; } = [];
    /// <summary>How the outcome is judged.</summary>
    public required Expectation Expect { get; init; }

    /// <summary>Whether any step needs the peer to echo messages.</summary>
    public bool NeedsEcho => Steps.Any(s => s is ExpectEchoStep or ExpectMessageStep);

    /// <summary>
    /// The data messages the send steps write, each as its type, its size and its largest frame, given the run's
    /// message limit: what a target's size limits are compared with.
    /// </summary>
    public IReadOnlyList<MessageSize> MessageSizes(long? maxMessage)
    {
        var sizes = new List<MessageSize>();
        MessageSize? open = null;
        foreach (var frame in Steps.OfType<SendStep>().Select(s => s.Frame))
        {
            var length = (long)frame.Payload.WithLimit(maxMessage).Length;
            var largestFrame = frame.FragmentSize is { } size ? Math.Min(size, length) : length;
            switch (frame.Opcode)
            {
                case Opcode.Text or Opcode.Binary:
                    open = new MessageSize(frame.Opcode, length, largestFrame);
                    break;
                case Opcode.Continuation when open is not null:
                    open = open with { Bytes = open.Bytes + length, LargestFrame = Math.Max(open.LargestFrame, largestFrame) };
                    break;
                default:
                    continue;
            }

            if (frame.Fin)
            {
                sizes.Add(open!);
                open = null;
            }
        }

        if (open is not null)
        {
            sizes.Add(open);
        }

        return sizes;
    }

    /// <summary>Payload bytes the case sends (for timeouts and caps), given the run's message limit.</summary>
    public long PayloadBytes(long? maxMessage) => Steps.Sum(s => s switch
    {
        SendStep send => (long)send.Frame.Payload.WithLimit(maxMessage).Length,
        RawStep raw => raw.Bytes.Length,
        SendUntilClosedStep flood => flood.MaxBytes,
        _ => 0L,
    });
}

/// <summary>A wire case (<c>wire:</c>): the suite connects to the target as a client and writes exactly these bytes.</summary>
public sealed record WireBody : ExchangeBody
{
    /// <inheritdoc/>
    public override CaseKind Kind => CaseKind.Wire;
}

/// <summary>A client case (<c>client:</c>): the suite is the server, run by serve for a client that connects.</summary>
public sealed record ClientBody : ExchangeBody
{
    /// <inheritdoc/>
    public override CaseKind Kind => CaseKind.Client;

    /// <summary>
    /// The server response is broken on purpose (a changed handshake and fail-connection): the client must not
    /// proceed at all (§4.1).
    /// </summary>
    public bool HasBrokenHandshake => Handshake is not null && Expect.Oracle == OracleKind.FailConnection;
}

/// <summary>A REST case (<c>rest:</c>): judged by its named probe.</summary>
public sealed record RestBody : CaseBody
{
    /// <inheritdoc/>
    public override CaseKind Kind => CaseKind.Rest;

    /// <summary>The named probe (<see cref="Rest.RestProbes"/>).</summary>
    public required string Probe { get; init; }
}

/// <summary>A browser case (<c>browser:</c>): what the harness page does with the browser's WebSocket API.</summary>
public sealed record BrowserBody : CaseBody
{
    /// <inheritdoc/>
    public override CaseKind Kind => CaseKind.Browser;

    /// <summary>The scenario and its parameters.</summary>
    public required BrowserSpec Spec { get; init; }
}

/// <summary>One data message a case sends: its type (text or binary), its size and its largest frame, in bytes.</summary>
public sealed record MessageSize(Opcode Type, long Bytes, long LargestFrame);
