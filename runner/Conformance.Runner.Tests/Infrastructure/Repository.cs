using Conformance.Suite.Catalogue;

namespace Conformance.Runner.Tests.Infrastructure;

/// <summary>Paths inside the source checkout the tests run from.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Conformance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the source checkout (no Conformance.sln above the test folder).");
    });

    private static readonly Lazy<CatalogueSet> BuiltinCatalogue = new(() => CatalogueLoader.Load(CasesDirectory));

    public static string Root => RootPath.Value;

    public static string CasesDirectory => Path.Combine(Root, "cases");

    public static CatalogueSet Catalogue => BuiltinCatalogue.Value;

    /// <summary>The WebSocket cases a run against a ws:// target selects by default (no --tier full).</summary>
    public static IReadOnlyList<CaseDefinition> DefaultCases => Catalogue.Cases.Where(c => c.Tier == CaseTiers.Default && c.Kind == CaseKind.Wire).ToList();

    /// <summary>The REST cases (run with --rest-profile).</summary>
    public static IReadOnlyList<CaseDefinition> RestCases => Catalogue.Cases.Where(c => c.Kind == CaseKind.Rest).ToList();

    /// <summary>The browser cases (area browser), run with --browser.</summary>
    public static IReadOnlyList<CaseDefinition> BrowserCases => Catalogue.Cases.Where(c => c.Kind == CaseKind.Browser).ToList();

    /// <summary>The limits and performance cases of --tier full.</summary>
    public static IReadOnlyList<CaseDefinition> FullTierCases => Catalogue.Cases.Where(c => c.Tier == CaseTiers.Full).ToList();

    /// <summary>The runner's entry assembly, copied next to the tests by the project reference.</summary>
    public static string RunnerDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "conformance.dll");
}
