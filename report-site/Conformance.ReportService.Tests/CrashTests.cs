using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Conformance.ReportService.Tests.Infrastructure;

namespace Conformance.ReportService.Tests;

/// <summary>serve-reports killed with SIGKILL in the middle of a stream of uploads, then restarted on the same data.</summary>
[TestFixture(StoreKind.Sqlite)]
[TestFixture(StoreKind.Postgres)]
[NonParallelizable]
public sealed class CrashTests(StoreKind kind)
{
    private const int Uploaders = 4;
    private const int AcknowledgedBeforeKill = 40;

    [Test]
    public async Task Every_upload_answered_201_before_a_SIGKILL_is_there_after_restart_and_no_run_is_partial()
    {
        await using var store = await TestStore.CreateAsync(kind);
        var environment = store.Postgres is null ? null : new Dictionary<string, string> { ["CONFORMANCE_REPORTS_POSTGRES"] = store.Postgres };
        var created = await ConformanceCli.RunAsync(["reports", "token", "create", "--name", "crash", "--data", store.DataDirectory], environment: environment);
        Assert.That(created.ExitCode, Is.Zero, created.Errors);
        var token = created.Output.Trim();
        // Big enough that a kill lands in the middle of some upload's body or commit.
        var body = Samples.Json(Samples.Report("crash", observed: new string('o', 64 * 1024)));

        var acknowledged = new ConcurrentBag<string>();
        using (var server = await ServeProcess.StartAsync(store))
        using (var client = Client(server.BaseUri, token))
        {
            using var stop = new CancellationTokenSource();
            var uploaders = Enumerable.Range(0, Uploaders).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        using var response = await client.PostAsync("api/v1/runs", new StringContent(body, Encoding.UTF8, "application/json"), stop.Token);
                        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
                        acknowledged.Add(response.Headers.Location!.OriginalString);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        // After the kill: refused or cut off, never acknowledged, so nothing is promised for it.
                    }
                }
            })).ToList();

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (acknowledged.Count < AcknowledgedBeforeKill && !uploaders.Any(u => u.IsCompleted))
            {
                await Task.Delay(10, deadline.Token);
            }

            server.KillHard();
            await Task.Delay(200);
            await stop.CancelAsync();
            await Task.WhenAll(uploaders);
        }

        using var restarted = await ServeProcess.StartAsync(store);
        using var reader = Client(restarted.BaseUri, token);
        foreach (var location in acknowledged)
        {
            using var run = await reader.GetAsync(location);
            Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.OK), location);
        }

        // Every run there is whole: acknowledged or not, none is a fragment.
        using var listed = await reader.GetAsync("api/v1/runs?implementation=crash&pageSize=100");
        using var page = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        var total = page.RootElement.GetProperty("total").GetInt64();
        Assert.That(total, Is.GreaterThanOrEqualTo(acknowledged.Count).And.EqualTo(await store.CountAsync("SELECT COUNT(*) FROM runs")));
        foreach (var item in page.RootElement.GetProperty("items").EnumerateArray())
        {
            using var run = await reader.GetAsync(item.GetProperty("href").GetString());
            using var document = JsonDocument.Parse(await run.Content.ReadAsStringAsync());
            Assert.That(document.RootElement.GetProperty("results").GetProperty("cases").GetArrayLength(), Is.EqualTo(3));
            Assert.That(document.RootElement.GetProperty("verdicts").GetProperty("fail").GetInt32(), Is.EqualTo(1));
        }

        TestContext.Out.WriteLine($"{acknowledged.Count} uploads acknowledged before the kill, {total} runs stored");
    }

    private static HttpClient Client(Uri baseUri, string token)
    {
        var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
