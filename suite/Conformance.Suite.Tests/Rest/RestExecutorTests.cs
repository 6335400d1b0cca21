using System.Net;
using System.Net.Sockets;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Rest;
using Conformance.Suite.Results;

namespace Conformance.Suite.Tests.Rest;

/// <summary>
/// What the executor judges itself, by named rules: an exchange the target breaks or leaves unanswered fails the case
/// (a MUST), whatever the case's own level.
/// </summary>
[TestFixture]
public sealed class RestExecutorTests
{
    private const string ShouldCase = "rest.lifecycle.missing-id-404";

    [Test]
    public async Task A_connection_closed_without_an_answer_is_judged_at_the_case_level()
    {
        var (result, decidedByTimeout) = await RunAgainstAsync(ShouldCase, hold: false);

        Assert.Multiple(() =>
        {
            Assert.That(result.Level, Is.EqualTo(RequirementLevel.Should));
            Assert.That(result.Verdict, Is.EqualTo(Verdict.NonStrict));
            Assert.That(result.Observed, Does.StartWith("the exchange broke: "));
            Assert.That(decidedByTimeout, Is.False);
        });
    }

    [Test]
    public async Task A_request_left_unanswered_fails_a_should_case_and_is_decided_by_the_timeout()
    {
        var (result, decidedByTimeout) = await RunAgainstAsync(ShouldCase, hold: true);

        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
            Assert.That(result.Observed, Does.Contain("got no complete response within 300 ms"));
            Assert.That(decidedByTimeout, Is.True);
        });
    }

    [Test]
    public async Task An_api_that_stops_listening_leaves_every_remaining_case_an_error_naming_the_count()
    {
        // A port that was just free and is closed again: every connection to it is refused.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var cases = CatalogueLoader.FindBuiltinDirectory(TestContext.CurrentContext.TestDirectory)!;
        var selection = CatalogueLoader.Load(cases).Cases.Where(c => c.Id is ShouldCase or "rest.methods.405-for-disallowed-method").ToList();
        var profile = RestProfileLoader.Load(Path.Combine(Directory.GetParent(cases)!.FullName, "fixtures", "rest", "reference.profile.yaml"));
        await using var executor = new RestExecutor(new RestRunOptions { Target = new Uri($"http://127.0.0.1:{port}"), Profile = profile }, Redactor.None, d => d.Id);

        var run = await new CaseScheduler(executor).RunAsync(selection, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(executor.Parallelism, Is.EqualTo(1));
            Assert.That(run.Cases, Has.Count.EqualTo(2));
            Assert.That(run.Cases.Select(c => c.Verdict), Is.All.EqualTo(Verdict.Error));
            Assert.That(run.Cases.Select(c => c.Observed), Is.All.StartsWith("target unreachable after 0 cases: "));
        });
    }

    // A loopback listener that accepts every connection and either holds it silently or closes it at once.
    private static async Task<(CaseResult Result, bool DecidedByTimeout)> RunAgainstAsync(string id, bool hold)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var stop = new CancellationTokenSource();
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                if (hold)
                {
                    held.Add(client);
                }
                else
                {
                    client.Client.Close(0);
                    client.Dispose();
                }
            }
        });

        var cases = CatalogueLoader.FindBuiltinDirectory(TestContext.CurrentContext.TestDirectory)!;
        var definition = CatalogueLoader.Load(cases).Cases.Single(c => c.Id == id);
        var profile = RestProfileLoader.Load(Path.Combine(Directory.GetParent(cases)!.FullName, "fixtures", "rest", "reference.profile.yaml"));
        var options = new RestRunOptions { Target = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}"), Profile = profile, Timeout = TimeSpan.FromMilliseconds(300) };
        try
        {
            await using var executor = new RestExecutor(options, Redactor.None, d => d.Id);
            return await new CaseScheduler(executor).RunOneAsync(definition, CancellationToken.None);
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            held.ForEach(client => client.Dispose());
        }
    }
}
