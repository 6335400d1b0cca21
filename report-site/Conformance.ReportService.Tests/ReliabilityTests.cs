using System.Net;
using Conformance.ReportService.Tests.Infrastructure;

namespace Conformance.ReportService.Tests;

/// <summary>Concurrency and rate limits, against each store.</summary>
[TestFixture(StoreKind.Sqlite)]
[TestFixture(StoreKind.Postgres)]
public sealed class ReliabilityTests(StoreKind kind)
{
    [Test]
    public async Task Fifty_concurrent_uploads_are_all_stored()
    {
        const int Uploads = 50;
        await using var service = await ServiceHarness.StartAsync(kind);
        var implementation = "concurrent";

        var responses = await Task.WhenAll(Enumerable.Range(0, Uploads).Select(i => service.UploadAsync(Samples.Json(Samples.Report(implementation, $"1.0.{i}")))));

        var locations = responses.Select(r => r.Headers.Location?.OriginalString).ToList();
        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.Created));
        Assert.That(locations.Distinct().Count(), Is.EqualTo(Uploads));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        using var listed = await service.Client.GetAsync($"api/v1/runs?implementation={implementation}&pageSize=1");
        using var page = System.Text.Json.JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        Assert.That(page.RootElement.GetProperty("total").GetInt64(), Is.EqualTo(Uploads), "counted through the API");
        Assert.That(await service.Store.CountAsync("SELECT COUNT(*) FROM runs WHERE implementation = 'concurrent'"), Is.EqualTo(Uploads), "counted in the database");
        foreach (var location in locations)
        {
            using var run = await service.Client.GetAsync(location);
            Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.OK), location);
        }
    }

    [Test]
    public async Task Uploads_over_the_rate_limit_get_429_with_Retry_After()
    {
        await using var service = await ServiceHarness.StartAsync(kind, new ReportServiceOptions { UploadsPerWindow = 2, UploadWindow = TimeSpan.FromMinutes(1) });

        using var first = await service.UploadAsync(Samples.Json());
        using var second = await service.UploadAsync(Samples.Json());
        using var third = await service.UploadAsync(Samples.Json());
        // The window is per token: another token still has its own.
        using var otherToken = await service.UploadAsync(Samples.Json(), "admin");

        Assert.That(new[] { first.StatusCode, second.StatusCode, otherToken.StatusCode }, Has.All.EqualTo(HttpStatusCode.Created));
        await ApiContractTests.AssertProblemAsync(third, HttpStatusCode.TooManyRequests);
        Assert.That(third.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public async Task Refused_requests_never_get_a_5xx()
    {
        await using var service = await ServiceHarness.StartAsync(kind);
        var bodies = new[] { "", "{", "null", "[]", "{\"schemaVersion\":2}", Samples.Nested(10_000), "\"\\uD800\"", Samples.Json().Replace("\"seed\": 6455", "\"seed\": 1e400", StringComparison.Ordinal) };
        var tokens = new string?[] { null, "uploader", "revoked", "cfr_zz", "ws-only" };

        foreach (var body in bodies)
        {
            foreach (var token in tokens)
            {
                using var response = await service.UploadAsync(body, token);
                Assert.That((int)response.StatusCode, Is.InRange(400, 499), $"{token}: {body[..Math.Min(body.Length, 40)]}");
            }
        }
    }
}
