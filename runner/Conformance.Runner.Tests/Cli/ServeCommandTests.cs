using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Conformance.Runner.Tests.Infrastructure;
using Conformance.Suite.Results;

namespace Conformance.Runner.Tests.Cli;

/// <summary>The serve command (client cases) and how a run leaves client cases out.</summary>
[Category("Cli")]
public sealed class ServeCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private string outDir = "";

    [SetUp]
    public void CreateOutputFolder() => outDir = Path.Combine(Path.GetTempPath(), $"conformance-serve-{Guid.NewGuid():N}");

    [TearDown]
    public void DeleteOutputFolder()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    [Test]
    public async Task Serve_on_a_port_in_use_exits_2_with_a_clear_error()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var outcome = await ConformanceCli.RunAsync(["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], Limit);
        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Output + outcome.Errors);
        Assert.That(outcome.Errors, Does.Contain($"cannot listen on 127.0.0.1:{port}"));
    }

    [Test]
    public async Task A_run_of_client_cases_alone_exits_2_and_points_to_serve()
    {
        var outcome = await ConformanceCli.RunAsync(["run", "--cases", "ws.client.*", "--out", outDir], Limit);
        Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Output + outcome.Errors);
        Assert.That(outcome.Errors, Does.Contain("only client cases").And.Contain("serve"));
    }

    [Test]
    public async Task Serve_judges_a_client_and_writes_its_results_on_sigterm()
    {
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var outcome = await ConformanceCli.RunAsync(
            ["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cases", "ws.client.echo-*", "--out", outDir],
            Limit,
            async process =>
            {
                using var http = new HttpClient();
                await WaitForServerAsync(http, new Uri(baseUrl, "cases"));
                // A client that reports without connecting leaves no verdict; connecting is what makes an agent.
                using var socket = new System.Net.WebSockets.ClientWebSocket();
                await socket.ConnectAsync(new Uri($"ws://{baseUrl.Authority}/case/ws.client.echo-text?agent=dotnet"), CancellationToken.None);
                var buffer = new byte[1024];
                var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                await socket.SendAsync(buffer.AsMemory(0, received.Count), System.Net.WebSockets.WebSocketMessageType.Text, true, CancellationToken.None);
                await socket.ReceiveAsync(buffer, CancellationToken.None);
                await socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                await WaitForResultAsync(http, new Uri(baseUrl, "results?agent=dotnet"));
                using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill!.WaitForExitAsync();
            });

        Assert.That(outcome.ExitCode, Is.Zero, outcome.Output + outcome.Errors);
        var report = ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDir, "dotnet", "results.json")));
        Assert.That(report.Cases.Select(c => (c.Id, c.Verdict)), Is.EqualTo(new[] { ("ws.client.echo-text", Verdict.Pass) }), outcome.Output);
        Assert.That(report.Run.Complete, Is.False, "the other echo cases did not run");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task WaitForServerAsync(HttpClient http, Uri cases)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                await http.GetStringAsync(cases);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the runner is still starting.
                await Task.Delay(100);
            }
        }
    }

    private static async Task WaitForResultAsync(HttpClient http, Uri results)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var report = ResultsJson.Deserialize(await http.GetStringAsync(results));
            if (report.Cases.Count > 0)
            {
                return;
            }

            await Task.Delay(100);
        }
    }
}
