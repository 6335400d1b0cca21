using System.Net;
using System.Xml.Linq;
using Conformance.ReportService.Tests.Infrastructure;

namespace Conformance.ReportService.Tests;

/// <summary>/badge/{implementation}.svg: the newest run's pass rate, as a script-free SVG under a strict CSP.</summary>
public sealed class BadgeTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Test]
    public async Task A_badge_shows_the_newest_runs_pass_rate()
    {
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite);
        const string Hostile = "<script>alert(1)</script>&\"'";
        using var created = await service.UploadAsync(Samples.Json(Samples.Report(Hostile)));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        using var response = await service.Client.GetAsync($"badge/{Uri.EscapeDataString(Hostile)}.svg");
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/svg+xml"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'none'").And.Contain("default-src 'none'"));
        var svg = XElement.Parse(text);
        Assert.That(svg.Name, Is.EqualTo(Svg + "svg"));
        Assert.That(svg.Descendants().Select(e => e.Name.LocalName), Has.None.EqualTo("script").And.None.EqualTo("style").And.None.EqualTo("foreignObject"));
        // Sample runs: one pass, one fail, one non-strict → 1 of 3 judged.
        Assert.That(svg.Descendants(Svg + "text").Select(t => t.Value), Is.EqualTo(new[] { "conformance", "33% (1/3)" }));
        Assert.That(text, Does.Not.Contain("<script"));
    }

    [Test]
    public async Task An_implementation_without_runs_gets_a_404_badge()
    {
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite);

        using var response = await service.Client.GetAsync("badge/nobody.svg");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/svg+xml"));
        Assert.That(XElement.Parse(await response.Content.ReadAsStringAsync()).Descendants(Svg + "text").Last().Value, Is.EqualTo("no runs"));
    }

    [Test]
    public async Task Badges_revalidate_and_are_rate_limited()
    {
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite, new ReportServiceOptions { BadgesPerWindow = 2, BadgeWindow = TimeSpan.FromMinutes(1) });
        using var created = await service.UploadAsync(Samples.Json(Samples.Report("ws")));

        using var first = await service.Client.GetAsync("badge/ws.svg");
        using var again = new HttpRequestMessage(HttpMethod.Get, "badge/ws.svg");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await service.Client.SendAsync(again);
        using var third = await service.Client.GetAsync("badge/ws.svg");

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        await ApiContractTests.AssertProblemAsync(third, HttpStatusCode.TooManyRequests);
        Assert.That(third.Headers.RetryAfter, Is.Not.Null);
    }
}
