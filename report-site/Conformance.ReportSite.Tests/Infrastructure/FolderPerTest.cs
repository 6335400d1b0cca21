namespace Conformance.ReportSite.Tests.Infrastructure;

/// <summary>Gives every test of a class a fresh folder under the test output, removed when the test passes.</summary>
public abstract class FolderPerTest
{
    /// <summary>The test's folder: <see cref="TestSite.Parent"/> exists and is empty, <see cref="TestSite.Root"/> does not exist yet.</summary>
    internal TestSite Folder { get; private set; } = null!;

    [SetUp]
    public void Make_a_folder() => Folder = TestSite.Create(GetType().Name.ToLowerInvariant());

    [TearDown]
    public void Remove_the_folder() => Folder.DeleteUnlessFailed();
}
