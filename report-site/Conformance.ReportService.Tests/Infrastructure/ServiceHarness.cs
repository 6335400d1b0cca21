using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Conformance.ReportService.Auth;
using Conformance.ReportService.Storage;
using Conformance.Suite.Results;

namespace Conformance.ReportService.Tests.Infrastructure;

/// <summary>A running report service on 127.0.0.1 over a fresh store, with one token of each kind.</summary>
internal sealed class ServiceHarness : IAsyncDisposable
{
    private ServiceHarness(TestStore store, IReportStore reports, ReportService service, IReadOnlyDictionary<string, string> tokens)
    {
        Store = store;
        Reports = reports;
        Service = service;
        Tokens = tokens;
        Client = new HttpClient { BaseAddress = service.BaseUri };
    }

    public TestStore Store { get; }
    public IReportStore Reports { get; }
    public ReportService Service { get; }
    public HttpClient Client { get; }

    /// <summary>Secrets by name: "uploader" (any implementation), "ws-only" (scoped to "ws"), "admin", "revoked".</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; }

    public static async Task<ServiceHarness> StartAsync(StoreKind kind, ReportServiceOptions? options = null)
    {
        var store = await TestStore.CreateAsync(kind);
        IReportStore? reports = null;
        try
        {
            reports = await store.OpenAsync();
            var now = DateTimeOffset.UtcNow;
            var tokens = new Dictionary<string, string>();
            foreach (var (name, scope, admin) in new[] { ("uploader", (string?)null, false), ("ws-only", "ws", false), ("admin", null, true), ("revoked", null, false) })
            {
                var issued = ApiTokens.Issue(name, scope, admin, now);
                Assert.That(await reports.AddTokenAsync(issued.Record), Is.True);
                tokens[name] = issued.Secret;
            }

            Assert.That(await reports.RevokeTokenAsync("revoked", now), Is.True);
            options ??= new ReportServiceOptions { MaxUploadBytes = 256 * 1024, UploadsPerWindow = 1000 };
            var service = await ReportService.StartAsync(options with { PageCacheDirectory = Path.Combine(store.DataDirectory, "pages") }, reports);
            return new ServiceHarness(store, reports, service, tokens);
        }
        catch
        {
            // A fixture whose setup fails gets no teardown call: leave no folder or schema behind.
            if (reports is not null)
            {
                await reports.DisposeAsync();
            }

            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>POST /api/v1/runs with <paramref name="json"/>, as the named token (none when null).</summary>
    public Task<HttpResponseMessage> UploadAsync(string json, string? token = "uploader") =>
        SendAsync(HttpMethod.Post, "api/v1/runs", new StringContent(json, Encoding.UTF8, "application/json"), token);

    /// <summary>Uploads <paramref name="report"/> as "uploader", asserts 201 and returns the new run's id.</summary>
    public async Task<string> PublishAsync(RunReport report)
    {
        using var created = await UploadAsync(Samples.Json(report));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>GETs an HTML page (following redirects), asserting 200 and text/html.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> PageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{path}: {html}");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        return (response, html);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.TryGetValue(token, out var secret) ? secret : token);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
        await Reports.DisposeAsync();
        await Store.DisposeAsync();
    }
}
