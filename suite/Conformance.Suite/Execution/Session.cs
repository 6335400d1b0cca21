using System.Buffers;
using System.Text;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>Which end of the connection the suite plays.</summary>
public enum EndpointRole
{
    /// <summary>The suite connects to a target server (WebSocket and REST cases).</summary>
    Client,
    /// <summary>A client connects to the suite (client cases, ws.client.*).</summary>
    Server,
}

/// <summary>
/// One connection of one case: the raw connection, the handshake, frames out and in. Pings the peer sends
/// on its own are answered with a Pong (§5.5.2) and not handed to the case, until the peer sent a Close.
/// The harness's own Close and Pong frames are masked only in the client role (§5.1).
/// </summary>
internal sealed class Session : IAsyncDisposable
{
    private readonly RawConnection connection;
    private readonly WireLog log;
    private readonly Random random;
    private readonly TimeSpan writeTimeout;
    private readonly CancellationToken cancellationToken;
    private Inbox? inbox;

    private Session(EndpointRole role, RawConnection connection, WireLog log, Random random, TimeSpan writeTimeout, CancellationToken cancellationToken)
    {
        Role = role;
        this.connection = connection;
        this.log = log;
        this.random = random;
        this.writeTimeout = writeTimeout;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>The suite's role on this connection.</summary>
    public EndpointRole Role { get; }

    /// <summary>"the server" or "the client": the peer, as verdict texts name it.</summary>
    public string Peer => Role == EndpointRole.Client ? "the server" : "the client";

    public HandshakeOutcome? Handshake { get; private set; }

    /// <summary>True once we wrote a Close.</summary>
    public bool CloseSent { get; private set; }

    /// <summary>True once the target sent a Close: from then on its pings are not answered (§5.5.2).</summary>
    public bool CloseReceived { get; private set; }

    /// <exception cref="TargetUnreachableException">The connection could not be made.</exception>
    public static async Task<Session> ConnectAsync(RunOptions options, WireLog log, Random random, CancellationToken cancellationToken)
    {
        var connection = await RawConnection.ConnectAsync(options.Target, options.Transport, log, cancellationToken);
        return new Session(EndpointRole.Client, connection, log, random, options.Timeout, cancellationToken);
    }

    /// <summary>
    /// The server role on a connection whose opening handshake is done: frames start with <paramref name="leftover"/>,
    /// the bytes read after the request head.
    /// </summary>
    public static Session Accepted(RawConnection connection, WireLog log, Random random, TimeSpan writeTimeout, ReadOnlySpan<byte> leftover, long maxInboundBytes, CancellationToken cancellationToken) =>
        new(EndpointRole.Server, connection, log, random, writeTimeout, cancellationToken) { inbox = new Inbox(connection, log, maxInboundBytes, leftover) };

    /// <summary>Writes the request and reads the response head until <paramref name="deadline"/>.</summary>
    public async Task<HandshakeOutcome> HandshakeAsync(HandshakeRequest request, string key, DateTime deadline, long maxInboundBytes)
    {
        var bytes = request.ToBytes();
        log.Http(WireDirection.Out, Encoding.UTF8.GetString(bytes).TrimEnd());
        await connection.WriteAsync(bytes, writeTimeout, cancellationToken);
        var received = new byte[RawConnection.MinReadBuffer];
        var head = new ArrayBufferWriter<byte>();
        while (true)
        {
            var (outcome, count) = await connection.ReadAsync(received, deadline, cancellationToken);
            if (outcome != ReadOutcome.Data)
            {
                var failure = outcome switch
                {
                    ReadOutcome.Timeout => HandshakeFailure.Timeout,
                    ReadOutcome.Eof => HandshakeFailure.Closed,
                    _ => HandshakeFailure.Reset,
                };
                var detail = head.WrittenCount == 0 ? "nothing received" : $"{head.WrittenCount} bytes without the end of an HTTP head";
                return Handshake = new HandshakeOutcome(request, key, null, failure, detail);
            }

            head.Write(received.AsSpan(0, count));
            var status = HandshakeResponse.TryParse(head.WrittenSpan, out var response, out var consumed, out var error);
            if (status == OperationStatus.InvalidData)
            {
                var preview = WireLog.Printable(head.WrittenSpan) ?? "0x" + WireLog.Hex(head.WrittenSpan);
                log.Add(WireEventKind.Note, WireDirection.In, $"not HTTP: {error}");
                return Handshake = new HandshakeOutcome(request, key, null, HandshakeFailure.NotHttp, $"{error}: {Bound(preview)}");
            }

            if (status == OperationStatus.Done)
            {
                log.Http(WireDirection.In, response!.RawHead);
                inbox = new Inbox(connection, log, maxInboundBytes, head.WrittenSpan[consumed..]);
                return Handshake = new HandshakeOutcome(request, key, response, HandshakeFailure.None, "");
            }
        }
    }

    /// <summary>Encodes a frame with this session's random source for the mask key.</summary>
    public byte[] Encode(FrameSpec spec, byte[] payload)
    {
        var key = spec.Mask switch
        {
            MaskMode.Random => (uint)random.NextInt64(1, uint.MaxValue),
            _ => 0u,
        };
        var header = new FrameHeader(spec.Fin, spec.Rsv, spec.Opcode, spec.Mask != MaskMode.None, spec.DeclaredLength ?? (ulong)payload.Length, key, spec.LengthForm);
        log.Frame(WireDirection.Out, header, payload);
        if (spec.Opcode == Opcode.Close)
        {
            CloseSent = true;
        }

        return FrameCodec.Encode(header, payload);
    }

    /// <summary>
    /// Writes bytes following <paramref name="plan"/>, reading what arrives meanwhile; false when the connection broke.
    /// </summary>
    public async Task<bool> WriteAsync(ReadOnlyMemory<byte> bytes, DeliveryPlan plan)
    {
        foreach (var piece in plan.Split(bytes))
        {
            var write = connection.WriteAsync(piece, writeTimeout, cancellationToken);
            if (inbox is not null && !write.IsCompleted)
            {
                await inbox.FillWhileAsync(write);
            }

            if (!await write)
            {
                return false;
            }

            if (plan.DelayMs > 0)
            {
                await Task.Delay(plan.DelayMs, cancellationToken);
            }
        }

        return true;
    }

    /// <summary>Sends a Close with <paramref name="code"/> (as the harness, not as a case step).</summary>
    public Task<bool> SendCloseAsync(ushort code)
    {
        var spec = HarnessFrame(Opcode.Close);
        var payload = new[] { (byte)(code >> 8), (byte)code };
        return WriteAsync(Encode(spec, payload), DeliveryPlan.Whole);
    }

    /// <summary>The next frame or connection event before <paramref name="deadline"/>; target pings are answered here.</summary>
    public async Task<Inbound> NextAsync(DateTime deadline)
    {
        if (inbox is null)
        {
            throw new InvalidOperationException("No frames before a successful handshake.");
        }

        while (true)
        {
            var inbound = await inbox.NextAsync(deadline, cancellationToken);
            CloseReceived |= inbound is FrameIn { Header.Opcode: Opcode.Close };
            // §5.5.2: "an endpoint MUST send a Pong frame in response, unless it already received a Close frame".
            if (inbound is FrameIn { Header.Opcode: Opcode.Ping } ping && !CloseReceived)
            {
                log.Add(WireEventKind.Note, WireDirection.None, $"{Peer} pinged; answered with a Pong");
                var pong = Encode(HarnessFrame(Opcode.Pong), ping.Payload.Length <= FrameCodec.MaxControlPayload ? ping.Payload : []);
                await WriteAsync(pong, DeliveryPlan.Whole);
                continue;
            }

            return inbound;
        }
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    // §5.1: "a client MUST mask all frames"; "A server MUST NOT mask any frames that it sends to the client."
    private FrameSpec HarnessFrame(Opcode opcode) => new() { Opcode = opcode, Mask = Role == EndpointRole.Client ? MaskMode.Random : MaskMode.None };

    private static string Bound(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
