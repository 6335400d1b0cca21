using Conformance.ReportSite.Model;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.ReportSite.Tests.Unit;

/// <summary>The case page names its first exchange by the kind the result carries, not by its id.</summary>
public sealed class CasePageTests
{
    [TestCase("ws.frame.a", CaseKind.Rest, "First request and response")]
    [TestCase("rest.methods.a", CaseKind.Wire, "Opening handshake")]
    [TestCase("ws.client.a", CaseKind.Client, "Opening handshake")]
    [TestCase("ws.browser.a", CaseKind.Browser, "Opening handshake")]
    public void Exchange_title_follows_the_kind(string id, CaseKind kind, string title)
    {
        Assert.That(Page(id, kind).ExchangeTitle, Is.EqualTo(title));
    }

    // Results files written before results carried the kind.
    [TestCase("rest.methods.a", "First request and response")]
    [TestCase("ws.frame.a", "Opening handshake")]
    public void Exchange_title_of_a_result_without_a_kind_falls_back_to_its_id(string id, string title)
    {
        Assert.That(Page(id, null).ExchangeTitle, Is.EqualTo(title));
    }

    private static CasePage Page(string id, CaseKind? kind)
    {
        var result = new CaseResult { Id = id, Kind = kind, Area = id.Split('.')[1], Title = "t", Clause = "RFC6455 5.2" };
        var report = new RunReport
        {
            Run = new RunInfo
            {
                Tool = "conformance 0.1.0",
                Catalogue = new CatalogueInfo { Version = "t", Hash = "sha256:00" },
                Target = new TargetInfo { Url = "ws://127.0.0.1:1/" },
                Implementation = new ImplementationInfo { Name = "x" },
            },
            Cases = [result],
        };
        return new CasePage
        {
            Title = "t",
            Root = "../../",
            Section = "matrix",
            Generator = "test",
            Target = new SiteTarget { Slug = "t1-00", Label = "x", Report = report, Cases = new Dictionary<string, CaseResult> { [id] = result } },
            Result = result,
            Requirement = "",
            Clause = null,
            Request = null,
            Response = null,
            Wire = [],
        };
    }
}
