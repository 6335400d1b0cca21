using System.Text.RegularExpressions;

namespace Conformance.Suite.Catalogue;

/// <summary>
/// Turns one entry into a <see cref="CaseDefinition"/>: the common header here, the body by the parser of its kind.
/// Every problem is added to the errors with the entry's file and line; an entry with any problem gives null.
/// </summary>
internal static partial class CaseParser
{
    public static CaseDefinition? Parse(CaseEntry entry, string path, string source, List<CatalogueError> errors)
    {
        var (dto, line) = entry;
        var count = errors.Count;
        void Error(string message) => errors.Add(new CatalogueError(path, line, message));

        var id = dto.Id ?? "";
        if (!IdPattern().IsMatch(id))
        {
            Error($"id '{id}' is not of the form protocol.area.slug (lower case, digits and '-')");
        }
        else if (source == "builtin")
        {
            var expectedPrefix = Path.GetFileNameWithoutExtension(path).Replace('-', '.') + ".";
            if (!id.StartsWith(expectedPrefix, StringComparison.Ordinal))
            {
                Error($"id '{id}' does not belong in {Path.GetFileName(path)} (ids there start with '{expectedPrefix}')");
            }
        }

        if (string.IsNullOrWhiteSpace(dto.Title))
        {
            Error($"'{id}': title is missing");
        }

        if (string.IsNullOrWhiteSpace(dto.Requirement))
        {
            Error($"'{id}': requirement (the quoted text) is missing");
        }

        if (dto.Clause is null || !ClausePattern().IsMatch(dto.Clause))
        {
            Error($"'{id}': clause '{dto.Clause}' is missing or not like 'RFC6455 5.2'");
        }

        if (dto.Rev is < 1)
        {
            Error($"'{id}': rev must be 1 or more");
        }

        if (!CaseVocabulary.Levels.TryGet(dto.Level, out var level))
        {
            Error($"'{id}': level '{dto.Level}' is not {CaseVocabulary.Levels.Choices}");
        }

        if (dto.Tier is not null and not CaseTiers.Default and not CaseTiers.Full)
        {
            Error($"'{id}': tier '{dto.Tier}' is not default or full");
        }

        var body = ParseBody(dto, id, Error);
        if (body is not null)
        {
            var known = CaseVocabulary.KnownRequirements(body.Kind);
            foreach (var requirement in (dto.Requires ?? []).Where(r => !known.Contains(r)))
            {
                Error($"'{id}': requires '{requirement}' is not one of {string.Join(", ", known)}");
            }
        }

        if (errors.Count > count)
        {
            return null;
        }

        return new CaseDefinition
        {
            Id = id,
            Rev = dto.Rev ?? 1,
            Title = dto.Title!.Trim(),
            Requirement = dto.Requirement!.Trim(),
            Clause = dto.Clause!,
            Level = level,
            Tags = dto.Tags ?? [],
            Autobahn = dto.Autobahn,
            Tier = dto.Tier ?? CaseTiers.Default,
            Requires = dto.Requires ?? [],
            Body = body!,
            Source = source,
            Origin = $"{Path.GetFileName(path)}:{line}",
        };
    }

    // The body an entry carries states its kind: exactly one of wire, client, rest, browser.
    private static CaseBody? ParseBody(CaseDto dto, string id, Action<string> error)
    {
        object? Of(CaseKind kind) => kind switch
        {
            CaseKind.Wire => dto.Wire,
            CaseKind.Client => dto.Client,
            CaseKind.Rest => dto.Rest,
            _ => dto.Browser,
        };

        var present = Enum.GetValues<CaseKind>().Where(k => Of(k) is not null).ToList();
        if (present.Count != 1)
        {
            var found = present.Count == 0 ? "none" : CaseVocabulary.And(present.Select(CaseVocabulary.Bodies.NameOf).ToList());
            error($"'{id}': a case has exactly one body, {CaseVocabulary.Bodies.Choices} (found {found})");
            return null;
        }

        return present[0] switch
        {
            CaseKind.Wire => ExchangeParser.Parse(dto.Wire!, CaseKind.Wire, id, error),
            CaseKind.Client => ExchangeParser.Parse(dto.Client!, CaseKind.Client, id, error),
            CaseKind.Rest => RestParser.Parse(dto.Rest!, id, error),
            _ => BrowserParser.Parse(dto.Browser!, id, error),
        };
    }

    [GeneratedRegex(@"^[a-z]+\.[a-z0-9]+\.[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^RFC\d{3,5} \d+(\.\d+)*$")]
    private static partial Regex ClausePattern();
}
