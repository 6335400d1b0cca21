using Conformance.ReportSite.Model;
using Conformance.Suite.Results;

namespace Conformance.ReportSite.Tests;

public sealed class SmokeTests
{
    [Test]
    public void The_bundled_RFC_6455_has_section_5_2()
    {
        Assert.That(RfcDocument.Bundled["RFC6455"].Find("5.2")?.Title, Is.EqualTo("Base Framing Protocol"));
    }

    [Test]
    public async Task A_site_renders_in_the_test_host()
    {
        var report = new RunReport
        {
            Run = new RunInfo { Tool = "t", Catalogue = new CatalogueInfo { Version = "1", Hash = "sha256:00" }, Target = new TargetInfo { Url = "ws://x/" } },
            Cases = [new CaseResult { Id = "ws.frame.a", Area = "frame", Title = "<b>t</b>", Clause = "RFC6455 5.2", Verdict = Verdict.Fail }],
        };
        var dir = Path.Combine(Path.GetTempPath(), "smoke-" + Guid.NewGuid().ToString("N"));
        var outcome = await SiteWriter.WriteAsync(new SiteInput { Runs = [report], Generator = "g" }, dir);
        Assert.That(File.ReadAllText(outcome.IndexPath), Does.Contain("&lt;b&gt;t&lt;/b&gt;"));
        Directory.Delete(dir, true);
    }
}
