using Conformance.Runner.Gate;
using Conformance.Runner.Output;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;
using Spectre.Console;

namespace Conformance.Runner.Commands;

/// <summary>list and explain: the catalogue as people read it.</summary>
internal static class CatalogueCommands
{
    public static int List(Terminal terminal, string? casesDir, IReadOnlyList<string> areas, bool autobahn)
    {
        var catalogue = CatalogueLocator.Load(casesDir, terminal);
        if (catalogue is null)
        {
            return ExitCodes.Usage;
        }

        if (autobahn)
        {
            // Autobahn id -> case id, in Autobahn's own numeric order.
            var pairs = catalogue.Cases.SelectMany(c => c.AutobahnIds.Select(id => (Autobahn: id, c.Id)))
                .OrderBy(p => string.Join('.', p.Autobahn.Split('.').Select(n => n.PadLeft(4, '0'))), StringComparer.Ordinal);
            foreach (var (id, caseId) in pairs)
            {
                terminal.Console.Profile.Out.Writer.WriteLine($"{id}\t{caseId}");
            }

            return ExitCodes.Success;
        }

        var cases = catalogue.Cases.Where(c => areas.Count == 0 || areas.Contains(c.Area)).ToList();
        if (!terminal.Interactive)
        {
            // Redirected: one tab-separated line per case, for grep and scripts.
            foreach (var definition in cases)
            {
                terminal.Console.Profile.Out.Writer.WriteLine($"{definition.Id}\t{Level(definition.Level)}\t{definition.Clause}\t{definition.Title}");
            }

            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("id", "level", "clause", "title");
        foreach (var definition in cases)
        {
            table.AddRow(Markup.Escape(definition.Id), Level(definition.Level), Markup.Escape(definition.Clause), Markup.Escape(definition.Title));
        }

        terminal.Console.Write(table);
        terminal.Console.MarkupLine($"{cases.Count} cases · catalogue {Markup.Escape(catalogue.Version)} · {Markup.Escape(catalogue.Hash)}");
        return ExitCodes.Success;
    }

    public static int Explain(Terminal terminal, string? casesDir, string id)
    {
        var catalogue = CatalogueLocator.Load(casesDir, terminal);
        if (catalogue is null)
        {
            return ExitCodes.Usage;
        }

        var definition = catalogue.Cases.FirstOrDefault(c => c.Id == id);
        if (definition is null)
        {
            var near = catalogue.Cases.Where(c => c.Id.Contains(id, StringComparison.OrdinalIgnoreCase)).Take(5).Select(c => c.Id).ToList();
            terminal.Error($"no case '{id}'{(near.Count > 0 ? "; did you mean " + string.Join(", ", near) : "")}");
            return ExitCodes.Usage;
        }

        var console = terminal.Console;
        console.MarkupLine($"[bold]{Markup.Escape(definition.Id)}[/] (rev {definition.Rev}, {Markup.Escape(definition.Source)}, {Markup.Escape(definition.Origin)})");
        console.MarkupLine(Markup.Escape(definition.Title));
        console.MarkupLine($"clause: {Markup.Escape(definition.Clause)} · level: {Level(definition.Level)}{(definition.Autobahn is null ? "" : $" · Autobahn {Markup.Escape(definition.Autobahn)}")}");
        console.Write(new Panel(Markup.Escape(definition.Requirement)).Header("requirement"));
        var clientSide = definition.Kind == CaseKind.Client;
        switch (definition.Body)
        {
            case ExchangeBody exchange:
                ExplainExchange(console, exchange, clientSide);
                break;
            case BrowserBody browser:
                ExplainBrowser(console, browser.Spec);
                break;
        }

        // REST and browser cases are judged by their probe and by what the page saw: explain names them as before.
        var expect = definition.Body switch
        {
            ExchangeBody exchange => Describe(exchange.Expect),
            RestBody => "Probe",
            _ => "Browser",
        };
        console.MarkupLine($"expect: {Markup.Escape(expect)}");
        console.MarkupLine(clientSide
            ? $"run it: ./run.sh serve --cases {Markup.Escape(definition.Id)}, then connect the client to the case's url"
            : $"run it: ./run.sh run --cases {Markup.Escape(definition.Id)}{(definition.Kind == CaseKind.Browser ? " --browser chromium" : "")}");
        return ExitCodes.Success;
    }

    private static void ExplainExchange(IAnsiConsole console, ExchangeBody body, bool clientSide)
    {
        if (body.Handshake is { } handshake)
        {
            var changes = new List<string>();
            if (handshake.Status is not null)
            {
                changes.Add($"status {handshake.Status}");
            }

            if (handshake.Method is not null)
            {
                changes.Add($"method {handshake.Method}");
            }

            if (handshake.HttpVersion is not null)
            {
                changes.Add(handshake.HttpVersion);
            }

            changes.AddRange(handshake.Remove.Select(r => $"without {r}"));
            changes.AddRange(handshake.Set.Select(s => $"{s.Name}: {s.Value}"));
            changes.AddRange(handshake.Add.Select(a => $"plus {a.Name}: {a.Value}"));
            if (handshake.NameCase is not null)
            {
                changes.Add($"header names in {handshake.NameCase} case");
            }

            console.MarkupLine($"{(clientSide ? "response" : "handshake")}: {Markup.Escape(string.Join("; ", changes))}");
        }

        if (body.Steps.Count > 0)
        {
            console.MarkupLine($"delivery: {Markup.Escape(body.Delivery.ToString())}");
            foreach (var (step, index) in body.Steps.Select((s, i) => (s, i + 1)))
            {
                console.MarkupLine($"  {index}. {Markup.Escape(Describe(step, clientSide))}");
            }
        }
    }

    private static void ExplainBrowser(IAnsiConsole console, BrowserSpec browser)
    {
        var parts = new List<string> { $"scenario {browser.Scenario}" };
        if (browser.Scenario is BrowserScenario.Echo or BrowserScenario.Buffered)
        {
            parts.Add(browser.Text is null ? $"{browser.Payload} of {browser.Size} bytes" : $"{browser.Payload} \"{browser.Text}\"");
        }

        if (browser.Code is { } code)
        {
            parts.Add($"close({code}{(browser.Reason is null ? "" : $", \"{browser.Reason}\"")})");
        }

        if (browser.OfferNone)
        {
            parts.Add("no subprotocol offered");
        }

        console.MarkupLine($"browser: {Markup.Escape(string.Join("; ", parts))}");
    }

    private static string Describe(Expectation expect) => expect.Oracle.ToString() +
        (expect.Codes.Count > 0 ? $" (codes {string.Join(", ", expect.Codes)})" : "") +
        (expect.Checks.Count > 0 ? $" (checks {string.Join(", ", expect.Checks)})" : "") +
        (expect.RequestChecks.Count > 0 ? $" (request checks {string.Join(", ", expect.RequestChecks)})" : "") +
        (expect.Reported is { } reported ? $" (the client's API reports {reported.Code}{(reported.Reason is null ? "" : $" '{reported.Reason}'")})" : "");

    private static string Level(RequirementLevel level) => level.ToString().ToLowerInvariant();

    // A mask is named only when it is not the role's default: masked as a client, unmasked as the server.
    private static string Describe(Step step, bool clientSide) => step switch
    {
        SendStep send => $"send {Suite.Wire.Opcodes.Name(send.Frame.Opcode)}" +
            (send.Frame.Fin ? "" : " (FIN clear)") +
            (send.Frame.Rsv != 0 ? $" RSV bits {send.Frame.Rsv}" : "") +
            (send.Frame.Mask == (clientSide ? MaskMode.None : MaskMode.Random) ? "" : $" mask {send.Frame.Mask.ToString().ToLowerInvariant()}") +
            $", {send.Frame.Payload.Length}-byte payload" +
            (send.Frame.Payload.CloseCode is { } code ? $" (close code {code})" : "") +
            (send.Frame.LengthForm is { } form ? $", length in {form}" : "") +
            (send.Frame.DeclaredLength is { } declared ? $", declared length 0x{declared:X}" : ""),
        RawStep raw => $"raw bytes {Convert.ToHexString(raw.Bytes)}",
        ExpectEchoStep => "expect the echo of the messages sent since the last expect",
        ExpectPongStep => "expect a Pong with the last Ping's payload",
        ExpectMessageStep message => $"expect a {Suite.Wire.Opcodes.Name(message.Opcode)} message of {message.Payload.Length} bytes",
        WaitStep wait => $"wait {wait.Milliseconds} ms",
        DropStep => "close TCP without a Close frame",
        _ => step.ToString(),
    };
}
