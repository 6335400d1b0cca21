using Conformance.Suite.Results;

namespace Conformance.ReportSite.Tests.Fixtures;

/// <summary>
/// Two runs as the runner would record them: a reference server that passes, and a sloppy one whose failures
/// carry wire logs with every kind of event (HTTP heads, frames, raw bytes with a cut preview, EOF, reset, notes).
/// </summary>
internal static class SampleRuns
{
    /// <summary>The case whose page the browser tests open from the matrix.</summary>
    public const string FailingCase = "ws.frame.rsv1-on-text";

    /// <summary>A 64-byte preview cut by the wire log: hex of the first bytes, then an ellipsis.</summary>
    public static readonly string CutHex = string.Concat(Enumerable.Repeat("82 7e 01 2c 00 01 02 03".Replace(" ", "", StringComparison.Ordinal), 8)) + "…";

    private static readonly (string Id, Verdict Verdict, string Observed)[] Sloppy =
    [
        ("ws.handshake.valid-upgrade", Verdict.Pass, "101 with a correct Sec-WebSocket-Accept"),
        ("ws.handshake.missing-key", Verdict.Fail, "101 Switching Protocols although the request had no Sec-WebSocket-Key"),
        ("ws.handshake.subprotocol-unknown", Verdict.Informational, "no subprotocol selected"),
        (FailingCase, Verdict.Fail, "the server echoed the frame with RSV1 set instead of failing the connection"),
        ("ws.frame.opcode-3", Verdict.Fail, "no Close and no TCP close within 3000 ms"),
        ("ws.frame.rsv2-on-binary", Verdict.Pass, "Close 1002, then TCP close"),
        ("ws.close.normal-closure", Verdict.Pass, "Close 1000 echoed"),
        ("ws.close.code-and-reason", Verdict.NonStrict, "Close 1000 answered with code 1005"),
        ("ws.close.reason-124-bytes", Verdict.Error, "the harness could not connect: connection refused"),
        ("ws.utf8.empty-message", Verdict.Pass, "empty text message echoed"),
        ("ws.utf8.invalid-surrogate-one-frame", Verdict.Fail, "the invalid text message was echoed"),
        ("ws.utf8.valid-sample-1", Verdict.Unimplemented, "the target does not echo text messages"),
    ];

    /// <summary>The reference run (every case but one passes; one case was not run) and the sloppy run.</summary>
    public static IReadOnlyList<RunReport> Build() =>
    [
        Reports.Run("ws://127.0.0.1:9001/", Sloppy.Where(c => c.Id != "ws.utf8.valid-sample-1")
            .Select(c => Reports.Result(Repository.Case(c.Id), c.Id == "ws.handshake.subprotocol-unknown" ? Verdict.Informational : Verdict.Pass))
            .ToList(), new ImplementationInfo { Name = "reference-server", Version = "1.0.0" }),
        Reports.Run("ws://127.0.0.1:9002/chat", Sloppy
            .Select(c => Reports.Result(Repository.Case(c.Id), c.Verdict, c.Observed) with { Wire = c.Verdict == Verdict.Pass ? [] : WireLog(c.Id) })
            .ToList(), new ImplementationInfo { Name = "sloppy-ws", Version = "0.3.1" }),
    ];

    /// <summary>Ids of the cases some run fails or errors: the rows the failing-only filter keeps.</summary>
    public static IReadOnlySet<string> FailingIds { get; } = Sloppy.Where(c => c.Verdict is Verdict.Fail or Verdict.Error).Select(c => c.Id).ToHashSet();

    /// <summary>Every case id of the matrix.</summary>
    public static IReadOnlyList<string> AllIds { get; } = Sloppy.Select(c => c.Id).ToList();

    private static List<WireEvent> WireLog(string id) =>
    [
        new() { T = 0.4, Dir = WireDirection.None, Kind = WireEventKind.Connected, Text = "127.0.0.1:9002" },
        new()
        {
            T = 0.6, Dir = WireDirection.Out, Kind = WireEventKind.Http,
            Text = "GET /chat HTTP/1.1\r\nHost: 127.0.0.1:9002\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13",
        },
        new()
        {
            T = 2.1, Dir = WireDirection.In, Kind = WireEventKind.Http,
            Text = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nServer: sloppy-ws/0.3.1",
        },
        // RFC 6455 §5.7 "Hello", masked, with RSV1 set: c1 = FIN + RSV1 + text, 85 = MASK + length 5, then key 37fa213d.
        new() { T = 2.3, Dir = WireDirection.Out, Kind = WireEventKind.Frame, Opcode = "text", Fin = true, Rsv = 4, Masked = true, Length = 5, Text = "Hello", Hex = "48656c6c6f" },
        new() { T = 2.3, Dir = WireDirection.Out, Kind = WireEventKind.Bytes, Length = 11, Hex = "c185" + "37fa213d" + "7f9f4d5158" },
        // 81 = FIN + text, 05 = unmasked, length 5: the server echoed instead of failing the connection.
        new() { T = 3.0, Dir = WireDirection.In, Kind = WireEventKind.Bytes, Length = 7, Hex = "810548656c6c6f" },
        new() { T = 3.0, Dir = WireDirection.In, Kind = WireEventKind.Frame, Opcode = "text", Fin = true, Rsv = 0, Masked = false, Length = 5, Text = "Hello", Hex = "48656c6c6f" },
        new() { T = 3.4, Dir = WireDirection.In, Kind = WireEventKind.Frame, Opcode = "binary", Fin = true, Rsv = 0, Masked = false, Length = 300, Hex = CutHex },
        new() { T = 3.4, Dir = WireDirection.In, Kind = WireEventKind.Bytes, Length = 304, Hex = CutHex },
        new() { T = 3000.2, Dir = WireDirection.None, Kind = WireEventKind.Note, Text = $"{id}: deadline reached, nothing more arrived" },
        new() { T = 3000.5, Dir = WireDirection.In, Kind = WireEventKind.Eof },
        new() { T = 3000.6, Dir = WireDirection.In, Kind = WireEventKind.Reset, Text = "connection reset by peer" },
    ];
}
