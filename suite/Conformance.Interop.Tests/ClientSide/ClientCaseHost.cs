using System.Net.Http.Json;
using Conformance.Interop.ClientSide;
using Conformance.Suite.Catalogue;
using Conformance.Suite.ClientSide;
using Conformance.Suite.Results;

namespace Conformance.Interop.Tests.ClientSide;

/// <summary>A client driver: runs one case's connection at a URL and returns what the client's API saw.</summary>
internal delegate Task<ClientReport> ClientDriver(Uri caseUrl, CancellationToken cancellationToken);

/// <summary>The repository's catalogue and a client-case server over its client cases, with short test timeouts.</summary>
internal static class ClientCaseHost
{
    /// <summary>The repository root (the folder holding cases/catalogue.yaml).</summary>
    public static string Root { get; } = CatalogueLoader.FindBuiltinDirectory(TestContext.CurrentContext.TestDirectory) is { } cases
        ? Path.GetDirectoryName(cases)!
        : throw new InvalidOperationException("cannot find cases/catalogue.yaml above the test folder");

    private static readonly Lazy<CatalogueSet> LazyCatalogue = new(() => CatalogueLoader.Load(Path.Combine(Root, "cases")));

    public static CatalogueSet Catalogue => LazyCatalogue.Value;

    public static IReadOnlyList<CaseDefinition> ClientCases => Catalogue.Cases.Where(c => c.Kind == CaseKind.Client).ToList();

    public static Task<ClientCaseServer> StartAsync() => ClientCaseServer.StartAsync(new ClientServerOptions
    {
        Cases = ClientCases,
        Catalogue = new CatalogueInfo { Version = Catalogue.Version, Hash = Catalogue.Hash },
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
