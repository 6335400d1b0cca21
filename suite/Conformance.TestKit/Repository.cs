using Conformance.Suite.Catalogue;

namespace Conformance.TestKit;

/// <summary>Paths inside the source checkout the tests run from, and its catalogue.</summary>
public static class Repository
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

    /// <summary>The folder that holds Conformance.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The built-in catalogue's folder, cases/.</summary>
    public static string CasesDirectory => Path.Combine(Root, "cases");

    /// <summary>The catalogue in cases/, loaded once per test process.</summary>
    public static CatalogueSet Catalogue => BuiltinCatalogue.Value;

    /// <summary>The catalogue's definition of one case.</summary>
    public static CaseDefinition Case(string id) => Catalogue.Cases.Single(c => c.Id == id);

    /// <summary>The WebSocket cases a run against a ws:// target selects by default (no --tier full).</summary>
    public static IReadOnlyList<CaseDefinition> DefaultCases => Catalogue.Cases.Where(c => c.Tier == CaseTiers.Default && c.Kind == CaseKind.Wire).ToList();

    /// <summary>The REST cases (run with --rest-profile).</summary>
    public static IReadOnlyList<CaseDefinition> RestCases => Catalogue.Cases.Where(c => c.Kind == CaseKind.Rest).ToList();

    /// <summary>The browser cases (area browser), run with --browser.</summary>
    public static IReadOnlyList<CaseDefinition> BrowserCases => Catalogue.Cases.Where(c => c.Kind == CaseKind.Browser).ToList();

    /// <summary>The client cases, where the suite is the server (run with --client).</summary>
    public static IReadOnlyList<CaseDefinition> ClientCases => Catalogue.Cases.Where(c => c.Kind == CaseKind.Client).ToList();

    /// <summary>The limits and performance cases of --tier full.</summary>
    public static IReadOnlyList<CaseDefinition> FullTierCases => Catalogue.Cases.Where(c => c.Tier == CaseTiers.Full).ToList();
}
