using System.Text.RegularExpressions;
using Conformance.Suite.Catalogue;

namespace Conformance.Runner.Commands;

/// <summary>Chooses the cases of a run from the catalogue: id globs, areas and levels, all optional.</summary>
internal static class Selection
{
    public static IReadOnlyList<CaseDefinition> Apply(IReadOnlyList<CaseDefinition> cases, RunSettings settings)
    {
        var globs = settings.CaseGlobs.Select(Glob).ToList();
        return cases
            .Where(c => globs.Count == 0 || globs.Any(g => g.IsMatch(c.Id)))
            .Where(c => settings.Areas.Count == 0 || settings.Areas.Contains(c.Area, StringComparer.Ordinal))
            .Where(c => settings.Levels.Count == 0 || settings.Levels.Contains(c.Level))
            .Where(c => settings.FullTier || c.Tier == CaseTiers.Default)
            .Where(c => c.Kind != CaseKind.Browser || settings.Browser is not null)
            .Where(c => settings.Client is null || c.Kind == CaseKind.Client)
            .ToList();
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
