namespace Conformance.ReportSite.Tests.Infrastructure;

/// <summary>
/// A report site written for a test into a fresh folder under the test output: <c>{work}/sites/{name}-{id}/site</c>.
/// The folder around the site (<see cref="Parent"/>) is the test's own, so anything written beside the site shows.
/// </summary>
internal sealed class TestSite
{
    private TestSite(string parent)
    {
        Parent = parent;
        Root = Path.Combine(parent, "site");
    }

    /// <summary>The folder that holds the site and nothing else.</summary>
    public string Parent { get; }

    /// <summary>The site folder.</summary>
    public string Root { get; }

    /// <summary>Makes the empty parent folder; the site is written later, with <see cref="WriteAsync"/>.</summary>
    public static TestSite Create(string name)
    {
        var parent = Path.Combine(TestContext.CurrentContext.WorkDirectory, "sites", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(parent);
        return new TestSite(parent);
    }

    /// <summary>Writes the site from <paramref name="input"/>.</summary>
    public async Task<SiteOutcome> WriteAsync(SiteInput input) => await SiteWriter.WriteAsync(input, Root);

    /// <summary>The file: URL of a page, from its path relative to the site root ("targets/t1/index.html").</summary>
    public Uri Url(string relative) => new(Path.Combine(Root, relative));

    /// <summary>Every file of the site, relative to its root, with '/' separators, sorted.</summary>
    public IReadOnlyList<string> Files() => Listing(Root);

    /// <summary>Every file below <paramref name="folder"/>, relative to it, with '/' separators, sorted; none when it does not exist.</summary>
    public static IReadOnlyList<string> Listing(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList()
        : [];

    /// <summary>Removes the folder (when the tests that used it passed; a failure leaves it for inspection).</summary>
    public void DeleteUnlessFailed()
    {
        if (TestContext.CurrentContext.Result.FailCount == 0 && Directory.Exists(Parent))
        {
            Directory.Delete(Parent, recursive: true);
        }
    }
}
