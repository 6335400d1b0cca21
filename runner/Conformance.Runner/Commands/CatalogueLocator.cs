using Conformance.Suite.Catalogue;

namespace Conformance.Runner.Commands;

/// <summary>Finds the built-in catalogue: CONFORMANCE_CASES, else cases/ above the working folder, else above the binary.</summary>
internal static class CatalogueLocator
{
    public const string EnvironmentVariable = "CONFORMANCE_CASES";

    public static string? Find() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : CatalogueLoader.FindBuiltinDirectory(Environment.CurrentDirectory) ?? CatalogueLoader.FindBuiltinDirectory(AppContext.BaseDirectory);

    /// <summary>Loads the catalogue or explains why not (the caller exits 2).</summary>
    public static CatalogueSet? Load(string? customDirectory, Output.Terminal terminal)
    {
        var directory = Find();
        if (directory is null)
        {
            terminal.Error($"cannot find the case catalogue (a cases/ folder with {CatalogueLoader.ManifestFile}); set {EnvironmentVariable}");
            return null;
        }

        try
        {
            return CatalogueLoader.Load(directory, customDirectory);
        }
        catch (CatalogueException e)
        {
            terminal.Error(e.Message);
            return null;
        }
    }
}
