using System.Text.Json;
using Conformance.ReportService.Tests.Infrastructure;

namespace Conformance.ReportService.Tests;

/// <summary>The runner's REST catalogue against the service's own API, with fixtures/rest/report-service.profile.yaml.</summary>
[NonParallelizable]
public sealed class RestCatalogueTests
{
    /// <summary>
    /// Verdicts that are not pass, each with why. Reads are public by design (anyone may browse runs), so a GET
    /// without credentials is 200.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["rest.auth.missing-credentials-401"] = "non-strict",
    };

    [Test]
    public async Task The_service_passes_the_REST_catalogue_but_for_the_declared_cases()
    {
        await using var service = await ServiceHarness.StartAsync(StoreKind.Sqlite, new ReportServiceOptions { UploadsPerWindow = 1000 });
        var output = Path.Combine(service.Store.DataDirectory, "rest-run");
        var profile = Path.Combine(Repository.Root, "fixtures", "rest", "report-service.profile.yaml");

        var outcome = await ConformanceCli.RunAsync(
            ["run", "--target", service.Service.BaseUri.ToString(), "--rest-profile", profile, "--out", output],
            environment: new Dictionary<string, string> { ["REPORTS_ADMIN_TOKEN"] = service.Tokens["admin"], ["REPORTS_SCOPED_TOKEN"] = service.Tokens["ws-only"] });

        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        var notPassing = results.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => (Id: c.GetProperty("id").GetString()!, Verdict: c.GetProperty("verdict").GetString()!))
            .Where(c => c.Verdict is not ("pass" or "unimplemented"))
            .ToDictionary(c => c.Id, c => c.Verdict);
        Assert.That(notPassing, Is.EquivalentTo(Expected), outcome.Output);
        // The suite deletes every run it uploaded.
        using var left = await service.Client.GetAsync("api/v1/runs");
        using var page = JsonDocument.Parse(await left.Content.ReadAsStringAsync());
        Assert.That(page.RootElement.GetProperty("total").GetInt64(), Is.Zero);
    }
}
