using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Oracles.Browser;

/// <summary>Judges a browser case from what the page observed; one rule per scenario.</summary>
public static class BrowserOracle
{
    /// <summary>Judges what the page saw of <paramref name="spec"/>'s scenario; <paramref name="offered"/> are the subprotocols it offered.</summary>
    public static void Judge(BrowserSpec spec, BrowserObservation seen, IReadOnlyList<string> offered, Judgement judgement)
    {
        judgement.Expected = Expected(spec, offered);
        if (seen.ConstructorError is { } thrown)
        {
            judgement.Error($"harness: the browser refused to create the WebSocket: {thrown}");
            return;
        }

        if (!seen.Opened)
        {
            judgement.DecidedByTimeout = seen.TimedOut;
            judgement.Observe(seen.TimedOut ? "the socket did not open in time" : $"the socket never opened ({seen.Close?.ToString() ?? "no close event"}, {seen.Errors} error event{(seen.Errors == 1 ? "" : "s")})");
            judgement.Violation(Rules.Browser.HandshakeCompletes, "the browser could not open a WebSocket to the target: it failed the opening handshake (§4.1; the browser's console line in the wire log says why)");
            return;
        }

        if (spec.Scenario is BrowserScenario.Open or BrowserScenario.Subprotocol or BrowserScenario.Extensions)
        {
            judgement.Observe($"opened with protocol \"{seen.Protocol}\" and extensions \"{seen.Extensions}\"");
        }

        switch (spec.Scenario)
        {
            case BrowserScenario.Open:
                JudgeOpen(seen, judgement);
                break;
            case BrowserScenario.Subprotocol:
                JudgeSubprotocol(spec, seen, offered, judgement);
                break;
            case BrowserScenario.Echo:
                JudgeEchoes(seen, 1, judgement);
                break;
            case BrowserScenario.CompressedEcho when seen.Skipped is not null:
                judgement.Unimplemented($"{seen.Skipped} (extensions attribute \"{seen.Extensions}\"), so there is no compressed echo to check");
                return;
            case BrowserScenario.CompressedEcho:
                JudgeEchoes(seen, 2, judgement);
                break;
            case BrowserScenario.Buffered:
                JudgeBuffered(seen, judgement);
                break;
            case BrowserScenario.Close:
                JudgeClose(spec, seen, judgement);
                return;
            case BrowserScenario.Extensions:
                judgement.Informational($"the extensions attribute reads \"{seen.Extensions}\"");
                break;
            case BrowserScenario.TargetCloses:
                JudgeTargetCloses(seen, judgement);
                return;
        }

        // The closing handshake after the scenario belongs to the close cases; elsewhere it is a remark.
        if (seen.Close is { WasClean: false } close)
        {
            judgement.Annotate($"the harness's close(1000) did not end cleanly: {close}");
        }
    }

    private static string Expected(BrowserSpec spec, IReadOnlyList<string> offered) => spec.Scenario switch
    {
        BrowserScenario.Open => "the socket opens (readyState 0 then 1) and reaches CLOSED (3) after close(1000)",
        BrowserScenario.Subprotocol when spec.OfferNone => "the socket opens with protocol \"\" (nothing was offered)",
        BrowserScenario.Subprotocol => $"the socket opens with protocol one of {string.Join(", ", offered.Select(p => $"\"{p}\""))}",
        BrowserScenario.Echo => $"an identical echo of the {Kind(spec)} message",
        BrowserScenario.CompressedEcho => "identical echoes of a compressible text and binary message under permessage-deflate",
        BrowserScenario.Buffered => "bufferedAmount above 0 after send(), then 0 as the target reads, and an identical echo",
        BrowserScenario.Close => $"a clean close event (wasClean true) with code {spec.Code}",
        BrowserScenario.Extensions => "the extensions attribute (recorded)",
        BrowserScenario.TargetCloses => "the target closes first: a clean close event with code 1009",
        _ => "",
    };

    private static string Kind(BrowserSpec spec) => spec.Payload switch
    {
        BrowserPayload.ArrayBuffer => "ArrayBuffer",
        BrowserPayload.Blob => "Blob",
        _ => "text",
    };

    private static void JudgeOpen(BrowserObservation seen, Judgement judgement)
    {
        judgement.Observe($"readyState {string.Join(" → ", seen.ReadyStates)}");
        if (seen.ReadyStates.Count < 2 || seen.ReadyStates[0] != 0 || seen.ReadyStates[1] != 1)
        {
            judgement.Violation(Rules.Browser.ReadyStateOpens, $"readyState went {string.Join(" → ", seen.ReadyStates)}, not CONNECTING (0) then OPEN (1)");
        }

        // How the close ends is for the close cases; here the socket only has to reach CLOSED.
        if (seen.Close is null)
        {
            judgement.DecidedByTimeout = true;
            judgement.Violation(Rules.Browser.ReachesClosed, "the socket never reached CLOSED after close(1000)");
        }
    }

    private static void JudgeSubprotocol(BrowserSpec spec, BrowserObservation seen, IReadOnlyList<string> offered, Judgement judgement)
    {
        if (spec.OfferNone)
        {
            if (seen.Protocol is not "")
            {
                judgement.Violation(Rules.Wire.SubprotocolFromOffer, $"the protocol attribute is \"{seen.Protocol}\" although the page offered no subprotocol (§4.2.2: the only acceptable value is null)");
            }

            return;
        }

        if (seen.Protocol is "")
        {
            judgement.Violation(Rules.Browser.DeclaredSubprotocolSelected, $"the target selected none of the subprotocols it is declared to support ({string.Join(", ", offered)})");
        }
        else if (!offered.Contains(seen.Protocol ?? "", StringComparer.Ordinal))
        {
            judgement.Violation(Rules.Wire.SubprotocolFromOffer, $"the protocol attribute is \"{seen.Protocol}\", which the page did not offer (§4.2.2)");
        }
    }

    private static void JudgeEchoes(BrowserObservation seen, int expected, Judgement judgement)
    {
        foreach (var echo in seen.Echoes)
        {
            judgement.Observe(echo.ToString());
            if (echo.Missing)
            {
                judgement.DecidedByTimeout = true;
                judgement.Violation(Rules.Browser.MessageEchoed, seen.Close is { } close ? $"no echo came back before the connection closed ({close})" : "no echo came back in time");
            }
            else if (!echo.Equal)
            {
                judgement.Violation(Rules.Browser.MessageEchoed, $"the echo is not the message sent: {echo}");
            }
        }

        if (seen.Echoes.Count < expected)
        {
            judgement.Violation(Rules.Browser.MessageEchoed, $"{expected - seen.Echoes.Count} of {expected} messages were not echoed ({seen.Close?.ToString() ?? "the socket stayed open"})");
        }
    }

    private static void JudgeBuffered(BrowserObservation seen, Judgement judgement)
    {
        if (seen.Buffered is not { } buffered)
        {
            judgement.Error("harness: the page recorded no bufferedAmount");
            return;
        }

        judgement.Observe($"bufferedAmount {buffered.AfterSend} right after send(), {(buffered.Drained ? $"0 after {buffered.DrainedMs} ms" : $"never 0 (at most {buffered.Max})")}");
        if (buffered.AfterSend == 0)
        {
            judgement.Annotate("bufferedAmount was already 0 right after send(): the browser handed the message to the network at once");
        }

        if (!buffered.Drained)
        {
            judgement.DecidedByTimeout = seen.TimedOut || seen.Close is null;
            judgement.Violation(Rules.Browser.BufferDrains, "bufferedAmount never drained to 0: the target stopped reading the message (§6.2)");
        }

        JudgeEchoes(seen, 1, judgement);
    }

    private static void JudgeClose(BrowserSpec spec, BrowserObservation seen, Judgement judgement)
    {
        if (!CloseEndsCleanly(seen, judgement))
        {
            return;
        }

        var close = seen.Close!;
        if (close.Code != spec.Code)
        {
            judgement.Violation(Rules.Wire.CloseCodeEchoed, $"the target answered close({spec.Code}) with code {close.Code}; a Close in response typically echos the code received (§5.5.1)");
        }

        if (spec.Reason is { } reason && close.Code == spec.Code && close.Reason != reason)
        {
            judgement.Annotate($"the reason came back as \"{close.Reason}\", not the \"{reason}\" sent (echoing the reason is not required)");
        }
    }

    // A clean close event means the target answered the browser's Close and then closed TCP (§5.5.1, §7.1.1).
    private static bool CloseEndsCleanly(BrowserObservation seen, Judgement judgement)
    {
        if (seen.Close is not { } close)
        {
            judgement.DecidedByTimeout = true;
            judgement.Violation(Rules.Browser.AnswersClose, "no close event in time: the target did not answer the browser's Close (§5.5.1)");
            return false;
        }

        judgement.Observe(close.ToString());
        if (!close.WasClean)
        {
            judgement.Violation(Rules.Browser.AnswersClose, $"the closing handshake did not complete ({close}): the target did not answer the browser's Close with a valid Close (§5.5.1)");
            return false;
        }

        return true;
    }

    private static void JudgeTargetCloses(BrowserObservation seen, Judgement judgement)
    {
        foreach (var echo in seen.Echoes)
        {
            judgement.Observe($"{echo} (over the declared limit)");
        }

        if (seen.Close is not { } close || seen.TimedOut)
        {
            judgement.DecidedByTimeout = true;
            judgement.Violation(Rules.Browser.ClosesOverLimit, "the target did not close the connection after a message over its declared limit");
            return;
        }

        judgement.Observe(close.ToString());
        if (!close.WasClean)
        {
            judgement.Violation(Rules.Wire.FailureCodeSent, $"the target ended the connection without a closing handshake ({close})");
        }
        else if (close.Code != CloseCodes.MessageTooBig)
        {
            judgement.Violation(Rules.Wire.FittingFailureCode, $"the target closed with {close.Code}, not 1009 (message too big, §7.4.1)");
        }
    }
}
