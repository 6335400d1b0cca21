using System.Net.Http.Json;
using Conformance.Interop.ClientSide;
using Conformance.Suite.ClientSide;
using Conformance.Suite.Results;

namespace Conformance.Interop.Tests.ClientSide;

/// <summary>A client driver: runs one case's connection at a URL and returns what the client's API saw.</summary>
internal delegate Task<ClientReport> ClientDriver(Uri caseUrl, CancellationToken cancellationToken);

/// <summary>A client-case server over the repository's client cases, with short test timeouts.</summary>
internal static class ClientCaseHost
{
    public static Task<ClientCaseServer> StartAsync() => ClientCaseServer.StartAsync(new ClientServerOptions
    {
        Cases = Repository.ClientCases,
        Catalogue = new CatalogueInfo { Version = Repository.Catalogue.Version, Hash = Repository.Catalogue.Hash },
        // A report normally comes within milliseconds; the long grace only keeps a loaded CI machine from turning
        // the reported-close cases into unimplemented ones.
        Silence = TimeSpan.FromMilliseconds(300),
        ReportGrace = TimeSpan.FromSeconds(5),
    }, CancellationToken.None);

    /// <summary>
    /// Runs every client case with <paramref name="driver"/> (<paramref name="parallel"/> at once), posts each report as a
    /// driver would, and returns the verdict of every case by id.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, CaseResult>> RunAllAsync(ClientCaseServer server, string agent, ClientDriver driver, int parallel)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
        // One connection per report: a CI run once saw a pooled connection reset under a POST; a fresh connection
        // per report keeps the drivers' reports, not connection reuse, under test.
        http.DefaultRequestHeaders.ConnectionClose = true;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Parallel.ForEachAsync(server.Cases, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = limit.Token }, async (definition, token) =>
        {
            using var perCase = CancellationTokenSource.CreateLinkedTokenSource(token);
            perCase.CancelAfter(TimeSpan.FromSeconds(15));
            var report = await driver(server.CaseUri(definition.Id, agent), perCase.Token);
            using var posted = await http.PostAsJsonAsync($"report/{definition.Id}?agent={agent}", report, token);
            posted.EnsureSuccessStatusCode();
        });
        var results = new Dictionary<string, CaseResult>();
        foreach (var definition in server.Cases)
        {
            results[definition.Id] = await server.ResultAsync(agent, definition.Id, limit.Token);
        }

        return results;
    }

    /// <summary>"id: verdict (observed)" lines for assertion messages.</summary>
    public static string Describe(IEnumerable<CaseResult> results) =>
        string.Join("\n", results.Select(r => $"{r.Id}: {Verdicts.Word(r.Verdict)} ({r.Observed})"));
}
