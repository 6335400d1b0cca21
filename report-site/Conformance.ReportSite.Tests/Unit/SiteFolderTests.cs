using Conformance.ReportSite.Tests.Fixtures;
using Conformance.ReportSite.Tests.Infrastructure;
using Conformance.ReportSite.Writing;

namespace Conformance.ReportSite.Tests.Unit;

public sealed class SiteFolderTests : FolderPerTest
{
    [Test]
    public async Task Non_empty_foreign_folder_is_refused_and_left_untouched()
    {
        Directory.CreateDirectory(Path.Combine(Folder.Root, "chapters"));
        File.WriteAllText(Path.Combine(Folder.Root, "thesis.tex"), "\\section{Results}");
        File.WriteAllText(Path.Combine(Folder.Root, "chapters", "index.html"), "<p>mine</p>");
        var before = Snapshot(Folder.Root);

        var refused = await Assert.ThrowsAsync<SiteException>(() => SiteWriter.WriteAsync(new SiteInput { Runs = [Reports.Run("ws://127.0.0.1:9001/", [])], Generator = "g" }, Folder.Root));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Does.Contain(Folder.Root).And.Contain("not empty"));
            Assert.That(SiteWriter.FolderProblem(Folder.Root), Is.EqualTo(refused.Message));
            Assert.That(Snapshot(Folder.Root), Is.EqualTo(before));
        }
    }

    [Test]
    public void File_is_refused_as_a_site_folder()
    {
        Directory.CreateDirectory(Folder.Parent);
        File.WriteAllText(Folder.Root, "a file");
        Assert.That(Assert.Throws<SiteException>(() => SiteFolder.Prepare(Folder.Root))!.Message, Does.Contain("is a file"));
    }

    [Test]
    public void Missing_or_empty_folder_is_accepted()
    {
        Assert.That(SiteWriter.FolderProblem(Folder.Root), Is.Null);
        Directory.CreateDirectory(Folder.Root);
        Assert.That(SiteWriter.FolderProblem(Folder.Root), Is.Null);
    }

    [Test]
    public async Task Previous_site_is_replaced_and_files_the_user_added_survive()
    {
        await WriteSiteAsync(("index.html", "old"), ("targets/t1-aaaa/index.html", "old run"), ("targets/t1-aaaa/ws.frame.a.html", "old case"), ("assets/site.css", "old"));
        File.WriteAllText(Path.Combine(Folder.Root, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(Folder.Root, "targets", "t1-aaaa", "review.md"), "mine too");

        await WriteSiteAsync(("index.html", "new"), ("targets/t2-bbbb/index.html", "new run"), ("assets/site.css", "new"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Folder.Files(), Is.EqualTo(AfterRegeneration));
            Assert.That(File.ReadAllText(Path.Combine(Folder.Root, "index.html")), Is.EqualTo("new"));
            Assert.That(File.ReadAllLines(Path.Combine(Folder.Root, SiteFolder.MarkerFile)), Is.EqualTo(NewSite), "the marker lists what the new site wrote, not the user's files");
            Assert.That(SiteWriter.FolderProblem(Folder.Root), Is.Null, "a folder with a marker may be written again");
        }
    }

    [Test]
    public async Task Forged_marker_cannot_make_regeneration_delete_outside_the_site()
    {
        await WriteSiteAsync(("index.html", "old"));
        var victim = Path.Combine(Folder.Parent, "victim.txt");
        File.WriteAllText(victim, "keep me");
        File.AppendAllLines(Path.Combine(Folder.Root, SiteFolder.MarkerFile), ["../victim.txt", victim, "targets/../../victim.txt"]);

        await WriteSiteAsync(("index.html", "new"));

        Assert.That(File.Exists(victim), Is.True);
    }

    [TestCase("../escape.html")]
    [TestCase("targets/../../escape.html")]
    [TestCase("/tmp/escape.html")]
    [TestCase("Index.html")]
    [TestCase("targets/a b.html")]
    public async Task Write_outside_the_site_or_with_an_unplain_name_is_refused(string relative)
    {
        var folder = SiteFolder.Prepare(Folder.Root);
        await Assert.ThrowsAsync<InvalidOperationException>(() => folder.WriteAsync(relative, "x", CancellationToken.None));
        Assert.That(TestSite.Listing(Folder.Parent), Is.Empty);
    }

    private static readonly string[] AfterRegeneration = [".conformance-site", "assets/site.css", "index.html", "notes.txt", "targets/t1-aaaa/review.md", "targets/t2-bbbb/index.html"];
    private static readonly string[] NewSite = ["assets/site.css", "index.html", "targets/t2-bbbb/index.html"];

    private async Task WriteSiteAsync(params (string Relative, string Content)[] files)
    {
        var folder = SiteFolder.Prepare(Folder.Root);
        foreach (var (relative, content) in files)
        {
            await folder.WriteAsync(relative, content, CancellationToken.None);
        }

        await folder.FinishAsync(CancellationToken.None);
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        TestSite.Listing(folder).ToDictionary(f => f, f => File.ReadAllText(Path.Combine(folder, f)));
}
