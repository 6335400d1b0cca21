using Conformance.Suite.Catalogue;
using Conformance.Suite.Oracles;
using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Execution;

/// <summary>
/// After a case's steps: the reads (and the Close replies) that end its connection as its oracle kind needs, each
/// followed by the oracle that judges what they saw (<see cref="ConnectionOracles"/>), then the frame invariants.
/// </summary>
internal static class ConnectionEnding
{
    public static async Task RunAsync(CaseRun run)
    {
        var expect = run.Body.Expect;
        switch (expect.Oracle)
        {
            case OracleKind.FailConnection when run.Body is ClientBody { HasBrokenHandshake: true }:
                await run.ReadUntilAsync(() => run.End is not null, pastClose: true);
                ConnectionOracles.FailHandshake(run);
                break;
            case OracleKind.FailConnection:
                await run.ReadUntilAsync(() => !run.Open);
                ConnectionOracles.FailConnection(run);
                await AnswerCloseAsync(run);
                break;
            case OracleKind.CloseHandshake when expect.RegisteredCode && run.Options.CloseCodes == CloseCodePolicy.Rfc6455:
                // Under RFC 6455 alone, 1012-1014 are codes §7.4 does not allow: failing on them is a SHOULD, as for any such code.
                await run.ReadUntilAsync(() => !run.Open);
                ConnectionOracles.FailConnection(run, Rules.Wire.UnassignedCodeFails);
                await AnswerCloseAsync(run);
                break;
            case OracleKind.CloseHandshake:
                await run.ReadUntilAsync(() => !run.Open);
                if (ConnectionOracles.CloseAnswered(run))
                {
                    if (run.Session.Role == EndpointRole.Client)
                    {
                        // The server closes TCP first (§7.1.1), so we wait for its FIN without sending ours.
                        var handshakeEnded = DateTime.UtcNow;
                        await run.ReadUntilAsync(() => run.End is not null, expect.PromptTcpClose ? handshakeEnded + run.Options.Silence : null, pastClose: true);
                        if (expect.PromptTcpClose)
                        {
                            ConnectionOracles.TcpClosedPromptly(run, DateTime.UtcNow - handshakeEnded);
                            break;
                        }
                    }

                    ConnectionOracles.TcpClosedAfterClose(run);
                }

                break;
            case OracleKind.Observe:
                await run.ReadUntilAsync(() => !run.Open, DateTime.UtcNow + run.Options.Silence);
                ConnectionOracles.Observed(run);
                await AnswerCloseAsync(run);
                break;
            default:
                ConnectionOracles.Exchange(run);
                break;
        }

        run.Invariants.Judge(run);
        ConnectionOracles.UnsolicitedPongs(run);
    }

    // Replies to the peer's Close as §5.5.1 asks; a server peer gets a moment to close TCP, while the suite as the
    // server closes TCP itself once the case ends ("The server MUST close the underlying TCP connection immediately").
    private static async Task AnswerCloseAsync(CaseRun run)
    {
        if (run.CloseReceived is null)
        {
            return;
        }

        if (!run.Session.CloseSent && run.End is null)
        {
            var code = CloseBody.Code(run.CloseReceived.Payload);
            await run.Session.SendCloseAsync(code is { } c && CloseCodes.Classify(c) == CloseCodeClass.Valid ? (ushort)c : CloseCodes.Normal);
        }

        if (run.Session.Role == EndpointRole.Server)
        {
            return;
        }

        await run.AwaitEndAsync();
        ConnectionOracles.AfterAnsweringClose(run);
    }
}
