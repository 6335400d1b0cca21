using Conformance.Suite.Wire;

namespace Conformance.Suite.Catalogue;

/// <summary>Parses the body of browser cases: the scenario the harness page runs with the browser's own WebSocket API.</summary>
internal static class BrowserParser
{
    public static BrowserBody? Parse(BrowserDto dto, string id, Action<string> error)
    {
        if (!CaseVocabulary.BrowserScenarios.TryGet(dto.Scenario, out var scenario))
        {
            error($"'{id}': browser scenario '{dto.Scenario}' is missing or not {CaseVocabulary.BrowserScenarios.Choices}");
            return null;
        }

        var payload = BrowserPayload.Text;
        if (dto.Payload is not null && !CaseVocabulary.BrowserPayloads.TryGet(dto.Payload, out payload))
        {
            error($"'{id}': browser payload '{dto.Payload}' is not {CaseVocabulary.BrowserPayloads.Choices}");
        }

        if (dto.Size is < 0 or > 16 * 1024 * 1024)
        {
            error($"'{id}': browser size must be 0 to 16 MiB");
        }

        if (dto.Text is not null && dto.Size is not null)
        {
            error($"'{id}': browser text and size exclude each other");
        }

        // The browser's close() throws for any other code (WHATWG: 1000 or 3000-4999), and for a reason over 123 bytes.
        if (dto.Code is { } code && code != CloseCodes.Normal && code is < 3000 or > 4999)
        {
            error($"'{id}': browser code {code} is not one close() accepts (1000 or 3000-4999)");
        }

        if (dto.Reason is { } reason && System.Text.Encoding.UTF8.GetByteCount(reason) > 123)
        {
            error($"'{id}': browser reason is over 123 UTF-8 bytes");
        }

        if (scenario == BrowserScenario.Close && dto.Code is null)
        {
            error($"'{id}': the close scenario needs a code");
        }

        if (dto.OfferNone == true && dto.Protocols is { Count: > 0 })
        {
            error($"'{id}': browser offer-none and protocols exclude each other");
        }

        return new BrowserBody
        {
            Spec = new BrowserSpec
            {
                Scenario = scenario,
                Payload = payload,
                Size = dto.Size ?? 0,
                Text = dto.Text,
                Code = dto.Code,
                Reason = dto.Reason,
                Protocols = dto.Protocols ?? [],
                OfferNone = dto.OfferNone ?? false,
            },
        };
    }
}
