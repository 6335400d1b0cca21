namespace Conformance.ReportService.Tests.Infrastructure;

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

    public static string Root => RootPath.Value;
}
