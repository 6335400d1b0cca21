using Conformance.Suite.Catalogue;

namespace Conformance.Interop.Tests.Infrastructure;

/// <summary>The repository's catalogue, loaded once.</summary>
internal static class Catalogue
{
    private static readonly Lazy<CatalogueSet> Loaded = new(() =>
        CatalogueLoader.Load(CatalogueLoader.FindBuiltinDirectory(TestContext.CurrentContext.TestDirectory)
            ?? throw new InvalidOperationException("cases/ not found above the test directory")));

    public static CatalogueSet Set => Loaded.Value;

    public static IReadOnlyList<CaseDefinition> Browser => Set.Cases.Where(c => c.Kind == CaseKind.Browser).ToList();
}
