using System.Text.RegularExpressions;
using Conformance.Suite.Wire;

namespace Conformance.Suite.Catalogue;

/// <summary>
/// Parses the body of wire and client cases: the same vocabulary written in the suite's role (the client of a wire
/// case, the server of a client case). The roles differ only where the rules say: what a handshake change may
/// touch, the default mask, and which steps, oracles and checks each may use (<see cref="CaseVocabulary"/>).
/// </summary>
internal static partial class ExchangeParser
{
    /// <summary>How the rules name client cases in messages.</summary>
    public const string ClientCases = "client cases (a client: body)";

    public static ExchangeBody? Parse(ExchangeDto dto, CaseKind role, string id, Action<string> error)
    {
        var failed = false;
        void Error(string message)
        {
            failed = true;
            error(message);
        }

        if (!DeliveryPlan.TryParse(dto.Delivery, out var delivery))
        {
            Error($"'{id}': delivery '{dto.Delivery}' is not whole, per-frame, bytewise or chops:N (optionally +delay:MS)");
        }

        var handshake = ParseHandshake(dto.Handshake, id, role, Error);
        var steps = StepParser.ParseSteps(dto.Steps ?? [], $"'{id}' step", role, Error);
        var expect = ParseExpect(dto.Expect, id, steps, role, Error);
        if (expect?.Declinable == Declinable.AsOneLine && !(handshake?.Add.Any(a => handshake.Set.Any(s => string.Equals(s.Name, a.Name, StringComparison.OrdinalIgnoreCase))) ?? false))
        {
            Error($"'{id}': declinable as-one-line needs an offer split over lines: a handshake add of a header it also sets");
        }

        if (failed || expect is null)
        {
            return null;
        }

        return role == CaseKind.Client
            ? new ClientBody { Handshake = handshake, Delivery = delivery, Steps = steps, Expect = expect }
            : new WireBody { Handshake = handshake, Delivery = delivery, Steps = steps, Expect = expect };
    }

    private static HandshakeChanges? ParseHandshake(HandshakeDto? dto, string id, CaseKind role, Action<string> error)
    {
        if (dto is null)
        {
            return null;
        }

        List<HttpHeader> Lines(List<string>? lines, string key)
        {
            var headers = new List<HttpHeader>();
            foreach (var line in lines ?? [])
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    error($"'{id}': handshake {key} entry '{line}' is not 'Name: value'");
                    continue;
                }

                // The value goes out as written after "Name: ", so a case can send whitespace around it.
                var value = line[(colon + 1)..];
                headers.Add(new HttpHeader(line[..colon].Trim(), value.StartsWith(' ') ? value[1..] : value));
            }

            return headers;
        }

        if (dto.NameCase is not null and not "lower" and not "upper")
        {
            error($"'{id}': handshake name-case must be lower or upper");
        }

        // A client case changes the server's response, which has a status but no method or request version.
        var clientSide = role == CaseKind.Client;
        if (clientSide && (dto.Method ?? dto.HttpVersion ?? dto.NameCase) is not null)
        {
            error($"'{id}': a client case changes the response: status, remove, set and add (not method, http-version or name-case)");
        }

        if (dto.Status is not null && (!clientSide || !StatusPattern().IsMatch(dto.Status)))
        {
            error($"'{id}': handshake status '{dto.Status}' must be a code and reason like \"200 OK\", and only in {ClientCases}");
        }

        return new HandshakeChanges
        {
            Status = dto.Status,
            Method = dto.Method,
            HttpVersion = dto.HttpVersion,
            Remove = dto.Remove ?? [],
            Set = Lines(dto.Set, "set"),
            Add = Lines(dto.Add, "add"),
            NameCase = dto.NameCase,
        };
    }

    private static Expectation? ParseExpect(ExpectDto? dto, string id, List<Step> steps, CaseKind role, Action<string> error)
    {
        if (dto?.Oracle is null)
        {
            error($"'{id}': expect is missing");
            return null;
        }

        if (!CaseVocabulary.Oracles.TryGet(dto.Oracle, out var oracle))
        {
            error($"'{id}': expect '{dto.Oracle}' is not {CaseVocabulary.Oracles.Choices}");
            return null;
        }

        var clientSide = role == CaseKind.Client;
        if (!CaseVocabulary.Oracles.Allows(dto.Oracle, role))
        {
            error($"'{id}': {dto.Oracle} is {(clientSide ? "not for client cases" : $"only for {ClientCases}")}");
        }

        var checks = new List<InvariantCheck>();
        var requestChecks = new List<RequestCheck>();
        foreach (var check in dto.Checks ?? [])
        {
            if (oracle == OracleKind.ClientRequest)
            {
                if (CaseVocabulary.RequestChecks.TryGet(check, out var parsed))
                {
                    requestChecks.Add(parsed);
                }
                else
                {
                    error($"'{id}': client-request check '{check}' is not {CaseVocabulary.RequestChecks.Choices}");
                }
            }
            else if (CaseVocabulary.InvariantChecks.TryGet(check, role, out var invariant))
            {
                checks.Add(invariant);
            }
            else
            {
                error($"'{id}': check '{check}' is not {CaseVocabulary.InvariantChecks.ChoicesFor(role)}");
            }
        }

        if (oracle == OracleKind.ClientRequest && (dto.Checks is not { Count: > 0 } || steps.Count > 0))
        {
            error($"'{id}': client-request judges the opening request alone: it lists checks and takes no steps");
        }

        ReportedClose? reported = null;
        if (dto.Reported is { } report)
        {
            if (!clientSide || report.Code is not (>= 1000 and <= 4999))
            {
                error($"'{id}': reported needs a code of 1000-4999, and only in {ClientCases}");
            }
            else
            {
                reported = new ReportedClose(report.Code.Value, report.Reason);
            }
        }

        var isUpgrade = oracle is OracleKind.UpgradeAccepted or OracleKind.UpgradeRejected or OracleKind.UpgradeObserved;
        if (isUpgrade && steps.Count > 0)
        {
            error($"'{id}': {dto.Oracle} judges the handshake alone; it takes no steps");
        }

        if (oracle is OracleKind.FailConnection or OracleKind.CloseHandshake && !steps.Any(s => s is SendStep or RawStep))
        {
            error($"'{id}': {dto.Oracle} needs a send or raw step");
        }

        if (oracle is OracleKind.Exchange && !steps.Any(s => s is ExpectEchoStep or ExpectPongStep or ExpectMessageStep or ExpectSilenceStep))
        {
            error($"'{id}': exchange needs an expect step");
        }

        if (dto.RequireVersionHeader == true && oracle is not (OracleKind.UpgradeRejected or OracleKind.UpgradeObserved))
        {
            error($"'{id}': require-version-header goes with upgrade-rejected or upgrade-observed");
        }

        var declinable = dto.Declinable switch
        {
            null or "false" => Declinable.No,
            "true" => Declinable.Yes,
            "as-one-line" => Declinable.AsOneLine,
            var other => Invalid(other),
        };
        if (declinable != Declinable.No && oracle is not OracleKind.UpgradeAccepted)
        {
            error($"'{id}': declinable goes with upgrade-accepted");
        }

        Declinable Invalid(string value)
        {
            error($"'{id}': declinable is true, false or as-one-line, not '{value}'");
            return Declinable.No;
        }

        if (dto.RegisteredCode == true && oracle is not OracleKind.CloseHandshake)
        {
            error($"'{id}': registered-code goes with close-handshake");
        }

        if (dto.TcpClosedWithinSilence == true && (oracle is not OracleKind.CloseHandshake || role == CaseKind.Client))
        {
            error($"'{id}': tcp-closed-within-silence goes with close-handshake, in server cases (the suite as a server closes TCP itself)");
        }

        return new Expectation
        {
            Oracle = oracle,
            Codes = dto.Codes ?? [],
            RequireVersionHeader = dto.RequireVersionHeader ?? false,
            Declinable = declinable,
            Checks = checks,
            EchoFirst = dto.EchoFirst ?? false,
            RegisteredCode = dto.RegisteredCode ?? false,
            PromptTcpClose = dto.TcpClosedWithinSilence ?? false,
            Reported = reported,
            RequestChecks = requestChecks,
        };
    }

    [GeneratedRegex(@"^[1-5][0-9][0-9]( [\x20-\x7E]*)?$")]
    private static partial Regex StatusPattern();
}
