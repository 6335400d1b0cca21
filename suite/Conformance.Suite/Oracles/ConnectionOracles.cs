using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Oracles;

/// <summary>
/// The oracles that judge how a case's connection ended after its steps, from what <see cref="ConnectionEnding"/>
/// read: each is called once the reads it needs are done, and only judges.
/// </summary>
internal static class ConnectionOracles
{
    /// <summary>Pongs that answer no Ping the case sent are recorded, never judged (§5.5.3: "A Pong frame MAY be sent unsolicited").</summary>
    public static void UnsolicitedPongs(CaseRun run)
    {
        if (run.UnsolicitedPongs.Count > 0)
        {
            run.Judgement.Annotate($"{run.Peer} sent {run.UnsolicitedPongs.Count} Pong{(run.UnsolicitedPongs.Count == 1 ? "" : "s")} answering no Ping sent ({run.UnsolicitedPongs}): unsolicited, which §5.5.3 allows");
        }
    }

    /// <summary>What an exchange with no ending of its own expects, for the result's expected text.</summary>
    public static void Exchange(CaseRun run) => run.Judgement.Expected = ExchangeExpected(run.Body);

    /// <summary>
    /// _Fail the WebSocket Connection_ (§7.1.7): within the timeout the peer closes TCP (FIN or reset) or sends a
    /// Close, and answers nothing sent after the offending frame. The close code is a SHOULD (§7.1.7, §10.7):
    /// a preferred code or a drop passes; another valid code or an empty Close is non-strict. A case whose failure the
    /// RFC does not require at its own level names the <paramref name="requirement"/> it rests on instead.
    /// </summary>
    public static void FailConnection(CaseRun run, Rule? requirement = null)
    {
        void Violation(string text)
        {
            if (requirement is null)
            {
                run.Judgement.Violation(text);
            }
            else
            {
                run.Judgement.Violation(requirement, $"{text} ({requirement.Name}, {requirement.Clause})");
            }
        }

        var preferred = run.Body.Expect.Codes.Count > 0 ? run.Body.Expect.Codes : [CloseCodes.ProtocolError];
        run.Judgement.Expected = $"{run.Peer} fails the connection: a Close ({string.Join(" or ", preferred)}) or a TCP drop, and no answer to anything sent after the offending frame";
        run.Judgement.Observe(run.DescribeState());
        if (run.Body.Expect.EchoFirst)
        {
            // The valid message sent before the offending frame is due first; failing before echoing it is non-strict.
            if (run.FirstMessageSent is { } first && run.Messages.TryPeek(out var echoed) && echoed.Is(first.Opcode, first.Payload))
            {
                run.Messages.Dequeue();
                run.Judgement.Observe($"{echoed} echoed first");
            }
            else if (run.CloseReceived is null && run.End is ClosedIn { How: ReadOutcome.Reset })
            {
                // A reset can discard an echo already on its way: no evidence either way.
                run.Judgement.Annotate("the connection was reset; an echo of the first message may have been lost with it");
            }
            else
            {
                run.Judgement.Violation(Rules.Wire.EchoBeforeFailing, $"{run.Peer} failed the connection without echoing the valid message sent before the offending frame (frames are processed in order, §5.4)");
            }
        }

        if (run.AfterMark.Count > 0)
        {
            Violation($"{run.Peer} carried on: it sent {run.AfterMark} after the offending frame");
        }

        if (run.FailedAtCheckpoint == false && !run.Open && run.AfterMark.Count == 0)
        {
            run.Judgement.Violation(Rules.Wire.FailFast, $"{run.Peer} failed the connection only once the whole message had arrived, not on the offending frame (fail fast)");
        }

        if (run.CloseReceived is { } close)
        {
            if (run.SentClosePayload is { Length: > CloseCodes.CodeSize } ours && close.Payload.AsSpan().SequenceEqual(ours))
            {
                Violation($"{run.Peer} answered the offending Close as a normal one: it echoed its code and reason ({close})");
            }

            if (requirement is not null && CloseBody.Code(close.Payload) is { } code && code == LastClose(run.Body))
            {
                // The echo of the code the case sent: the target treats it as assigned, as the IANA registry does.
                Violation($"{run.Peer} closed normally, echoing {code} ({close})");
                return;
            }

            JudgeFailureCode(run, close, preferred);
            return;
        }

        if (run.End is FloodIn flood)
        {
            Violation($"{run.Peer} kept sending instead of failing the connection ({flood})");
            return;
        }

        if (run.End is null)
        {
            run.Judgement.DecidedByTimeout = true;
            Violation($"the connection was still open {(int)run.Options.TimeoutFor(0).TotalMilliseconds} ms after the offending frame, with no Close");
        }
    }

    private static void JudgeFailureCode(CaseRun run, FrameIn close, IReadOnlyList<int> preferred)
    {
        var code = CloseBody.Code(close.Payload);
        if (code is null)
        {
            run.Judgement.Violation(Rules.Wire.FailureCodeSent, $"the Close carries no status code; §7.1.7 says the endpoint SHOULD send one such as {preferred[0]}");
            return;
        }

        if (CloseCodes.Classify(code.Value, run.Options.CloseCodes) == CloseCodeClass.Invalid)
        {
            run.Judgement.Violation(Rules.Wire.CloseCodeAllowed, $"the Close carries status code {code}, which §7.4 does not allow on the wire");
            return;
        }

        if (!preferred.Contains(code.Value))
        {
            run.Judgement.Violation(Rules.Wire.FittingFailureCode, $"the Close carries {code}; the fitting code is {string.Join(" or ", preferred)} (§7.4.1)");
        }
    }

    /// <summary>
    /// §5.5.1: "If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint MUST
    /// send a Close frame in response." and "MUST close the underlying TCP connection" after both were exchanged.
    /// </summary>
    /// <returns>Whether a Close came back, so that the TCP close after it is still to be judged.</returns>
    public static bool CloseAnswered(CaseRun run)
    {
        var sent = LastClose(run.Body);
        var acceptable = new HashSet<int>(run.Body.Expect.Codes) { CloseCodes.Normal };
        if (sent is { } code)
        {
            acceptable.Add(code);
        }

        var peerIsServer = run.Session.Role == EndpointRole.Client;
        run.Judgement.Expected = $"a Close back ({string.Join(", ", acceptable.Order())} or no code), then {(peerIsServer ? "the server closes TCP" : "the suite, as the server, closes TCP first (§7.1.1)")}";
        if (run.CloseReceived is not { } close)
        {
            run.Judgement.Observe(run.DescribeState());
            run.Judgement.DecidedByTimeout |= run.End is null;
            run.Judgement.Violation($"no Close came back ({run.DescribeState()}); §5.5.1: the endpoint MUST send a Close frame in response");
            return false;
        }

        if (run.AfterMark.Count > run.AfterMark.Pongs)
        {
            run.Judgement.Violation($"{run.Peer} answered {run.AfterMark} after our Close");
        }
        else if (run.AfterMark.Pongs > 0)
        {
            // §5.5.2: a Pong is owed "unless it already received a Close frame": not owed, and not forbidden either.
            run.Judgement.Annotate($"{run.Peer} answered a Ping sent after our Close with a Pong, which §5.5.2 no longer asks for and does not forbid");
        }

        var got = CloseBody.Code(close.Payload);
        if (close.Payload.Length == 1)
        {
            run.Judgement.Violation(Rules.Wire.CloseBodyHasCode, "the Close body is 1 byte long (§5.5.1: a body starts with a 2-byte code)");
        }
        else if (got is { } invalid && CloseCodes.Classify(invalid, run.Options.CloseCodes) == CloseCodeClass.Invalid)
        {
            run.Judgement.Violation(Rules.Wire.CloseCodeAllowed, $"the Close carries status code {invalid}, which §7.4 does not allow on the wire");
        }
        else if (got is { } value && !acceptable.Contains(value))
        {
            run.Judgement.Violation(Rules.Wire.CloseCodeEchoed, $"the Close carries {value}; the echo of our code or 1000 is expected");
        }

        return true;
    }

    /// <summary>
    /// After the closing handshake: a server peer closes TCP first (§7.1.1: "the server SHOULD close the underlying TCP
    /// connection first"; §5.5.1: it "MUST close the underlying TCP connection"); the suite as the server closes it itself.
    /// </summary>
    public static void TcpClosedAfterClose(CaseRun run)
    {
        run.Judgement.Observe(run.DescribeState());
        if (run.Session.Role == EndpointRole.Client && run.End is null)
        {
            run.Judgement.DecidedByTimeout = true;
            run.Judgement.Violation("the server kept the TCP connection open after the closing handshake (§5.5.1: MUST close the underlying TCP connection)");
        }
    }

    /// <summary>
    /// §5.5.1: "The server MUST close the underlying TCP connection immediately" once it has sent and received a
    /// Close: the suite waited <paramref name="waited"/> (up to --silence-ms) without closing it first.
    /// </summary>
    public static void TcpClosedPromptly(CaseRun run, TimeSpan waited)
    {
        run.Judgement.Expected += $", within {(int)run.Options.Silence.TotalMilliseconds} ms (--silence-ms) of the closing handshake, the suite not closing it first";
        run.Judgement.Observe(run.DescribeState());
        if (run.End is null)
        {
            run.Judgement.DecidedByTimeout = true;
            run.Judgement.Violation($"the server had not closed the TCP connection {(int)waited.TotalMilliseconds} ms after both Closes (§5.5.1: MUST close it immediately)");
        }
    }

    /// <summary>An informational case: whatever the peer did within the silence window is recorded.</summary>
    public static void Observed(CaseRun run)
    {
        run.Judgement.Expected = $"any reaction: the RFC leaves this to {run.Peer}";
        var state = run.DescribeState();
        var what = run.AfterMark.Count > 0
            ? $"{run.Peer} answered ({run.AfterMark})" + (run.Open ? "" : $", then {state}")
            : run.Open ? $"no reaction within {(int)run.Options.Silence.TotalMilliseconds} ms" : state;
        run.Judgement.Informational(what);
    }

    private static string ExchangeExpected(ExchangeBody body)
    {
        var echoes = body.Steps.Count(s => s is ExpectEchoStep or ExpectMessageStep);
        var pongs = body.Steps.Count(s => s is ExpectPongStep);
        var parts = new List<string>();
        if (echoes > 0)
        {
            parts.Add("every message echoed with the same type and bytes");
        }

        if (pongs > 0)
        {
            parts.Add("a Pong with the Ping's payload");
        }

        return string.Join("; ", parts);
    }

    /// <summary>After the suite answered a server's Close: a server that has not closed TCP yet is remarked (§7.1.1: SHOULD close first).</summary>
    public static void AfterAnsweringClose(CaseRun run)
    {
        if (run.Session.Role == EndpointRole.Client && run.End is null)
        {
            run.Judgement.Annotate($"the server had not closed TCP {(int)run.Options.Silence.TotalMilliseconds} ms after the closing handshake (§7.1.1: the server SHOULD close first)");
        }
    }

    /// <summary>
    /// Client cases with a broken server response. §4.1: "If the server's response does not conform to the requirements
    /// for the server's handshake ..., the client MUST _Fail the WebSocket Connection_." The connection never became
    /// established, so the client sends no frame: it neither echoes the message written after the response nor
    /// answers anything, and it closes TCP (§7.1.7: "the client MUST _Close the WebSocket Connection_"). A non-101
    /// status is handled "per HTTP procedures" instead (§4.1), where keeping the connection open is allowed.
    /// </summary>
    public static void FailHandshake(CaseRun run)
    {
        run.Judgement.Expected = "the client does not proceed: no frame at all (the message written after the broken response is not echoed), and it closes TCP";
        run.Judgement.Observe(run.AnswersReceived > 0 ? $"the client sent {run.AfterMark}, then {run.DescribeState()}" : run.DescribeState());
        if (run.AnswersReceived > 0)
        {
            run.Judgement.Violation($"the client proceeded as if the connection were established: it sent {run.AfterMark} after a response it must reject (§4.1)");
        }

        if (run.CloseReceived is not null)
        {
            // §7.1.7 asks for a Close only on an established connection; sending one is odd but breaks no MUST.
            run.Judgement.Annotate("the client sent a Close frame on a connection that was never established (§7.1.7: a Close is sent only once the connection is established)");
        }

        var nonUpgradeStatus = run.Body.Handshake?.Status is not null;
        if (run.End is null && !nonUpgradeStatus)
        {
            run.Judgement.DecidedByTimeout = true;
            run.Judgement.Violation($"the connection was still open {(int)run.Options.TimeoutFor(0).TotalMilliseconds} ms after the broken response (§7.1.7: to fail the connection, the client MUST close it)");
        }
    }

    private static int? LastClose(ExchangeBody body) =>
        body.Steps.OfType<SendStep>().LastOrDefault(s => s.Frame.Opcode == Opcode.Close)?.Frame.Payload.CloseCode;
}
