using System.Text.Json;
using Conformance.Runner.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Conformance.Runner.Tests.Meta;

/// <summary>
/// `run --browser chromium` as users run it: Debian's Chromium against servers nobody here wrote, and against a
/// target that checks the Origin. Verdicts are read back from results.json.
/// </summary>
[TestFixture]
[Category("Browser")]
public sealed class BrowserRealServerTests
{
    /// <summary>Verdicts that are not pass: what these servers' configuration explains, case by case.</summary>
    private static readonly Dictionary<string, string> NotDeclared = new()
    {
        // Recorded, never judged.
        ["ws.browser.extensions"] = "informational",
        // No --max-message in these runs: the target is not asked to close first.
        ["ws.browser.target-closes-first"] = "unimplemented",
    };

    [Test]
    public async Task Npm_ws_passes_every_browser_case_and_compressed_echo_where_it_negotiates_deflate(
        [Values(false, true)] bool deflate)
    {
        await using var server = await ExternalServer.StartWsAsync(deflate);
        // ws selects the first subprotocol offered (its default handleProtocols), so "chat" is selected.
        var (exit, verdicts, run) = await RunBrowserAsync(server.WebSocketUri, "--subprotocol", "chat");
        var expected = Expected(deflate ? [] : new Dictionary<string, string> { ["ws.browser.compressed-echo"] = "unimplemented" });
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(verdicts, Is.EquivalentTo(expected));
            Assert.That(run.GetProperty("capabilities").GetProperty("browser").GetString(), Does.StartWith("chromium "));
        });
    }

    [Test]
    public async Task Python_websockets_passes_every_browser_case_with_deflate()
    {
        await using var server = await ExternalServer.StartPythonWebsocketsAsync(deflate: true);
        // The fixture declares no subprotocol, so none is declared to the run either.
        var (exit, verdicts, _) = await RunBrowserAsync(server.WebSocketUri);
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(verdicts, Is.EquivalentTo(Expected(new Dictionary<string, string> { ["ws.browser.subprotocol-declared"] = "unimplemented" })));
        });
    }

    [Test]
    public async Task A_target_that_refuses_the_page_origin_gets_an_error_naming_it_and_accepts_the_one_given_with_origin()
    {
        await using var target = await OriginCheckingEcho.StartAsync("http://app.example.test");
        var (refusedExit, refused, _) = await RunBrowserAsync(target.Uri);
        using var refusedResults = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lastOut!, "results.json")));
        var refusedObserved = refusedResults.RootElement.GetProperty("cases")[0].GetProperty("observed").GetString();
        var (acceptedExit, accepted, _) = await RunBrowserAsync(target.Uri, "--origin", "http://app.example.test");
        Assert.Multiple(() =>
        {
            Assert.That(refusedExit, Is.EqualTo(1));
            Assert.That(refused.Values, Is.All.EqualTo("error"));
            Assert.That(target.RefusedOrigins, Has.Some.StartsWith("http://127.0.0.1:"));
            Assert.That(acceptedExit, Is.EqualTo(0));
            Assert.That(accepted["ws.browser.text-echo-65536"], Is.EqualTo("pass"));
            Assert.That(target.AcceptedOrigins, Has.All.EqualTo("http://app.example.test").And.Not.Empty);
            Assert.That(refusedObserved, Does.Contain("the target refused the upgrade with 403 when it carried the harness page's Origin http://127.0.0.1:"));
        });
    }

    [TestCase("--browser-path /nonexistent/chromium", "--browser-path '/nonexistent/chromium' does not exist")]
    [TestCase("--browser firefox", "--browser 'firefox' is not one of chromium")]
    [TestCase("--browser chromium --target http://127.0.0.1:9/ --rest-profile fixtures/rest/reference.profile.yaml", "it does not go with --rest-profile")]
    [TestCase("--origin not-an-origin", "--origin not-an-origin is not an origin")]
    [TestCase("--origin https://app.example.test --target ws://192.0.2.1:9/echo", "mixed content")]
    [TestCase("--target http://127.0.0.1:9/", "the browser cases need a ws:// or wss:// --target")]
    public async Task Browser_usage_errors_exit_2_before_anything_runs(string arguments, string message)
    {
        var outcome = await ConformanceCli.RunAsync(["run", "--area", "browser", "-q", .. arguments.Split(' ')], TimeSpan.FromMinutes(1));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.ExitCode, Is.EqualTo(2), outcome.Output + outcome.Errors);
            Assert.That(outcome.Errors, Does.Contain(message));
        });
    }

    private static string? lastOut;

    private static Dictionary<string, string> Expected(IReadOnlyDictionary<string, string> more)
    {
        var expected = Repository.BrowserCases.ToDictionary(c => c.Id, _ => "pass");
        foreach (var (id, verdict) in NotDeclared.Concat(more))
        {
            expected[id] = verdict;
        }

        return expected;
    }

    private static async Task<(int Exit, Dictionary<string, string> Verdicts, JsonElement Run)> RunBrowserAsync(Uri target, params string[] more)
    {
        var output = Path.Combine(Path.GetTempPath(), "conformance-browser-" + Guid.NewGuid().ToString("N"));
        lastOut = output;
        var outcome = await ConformanceCli.RunAsync(["run", "--browser", "chromium", "--area", "browser", "--target", target.ToString(), "-o", output, "-q", .. more], TimeSpan.FromMinutes(3));
        TestContext.Out.WriteLine(outcome.Output + outcome.Errors);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        var verdicts = document.RootElement.GetProperty("cases").EnumerateArray()
            .ToDictionary(c => c.GetProperty("id").GetString()!, c => c.GetProperty("verdict").GetString()!);
        return (outcome.ExitCode, verdicts, document.RootElement.GetProperty("run").Clone());
    }

    /// <summary>An ASP.NET Core echo that answers 403 to any Origin but one, as a server guarding against CSWSH does.</summary>
    private sealed class OriginCheckingEcho : IAsyncDisposable
    {
        private readonly WebApplication app;

        private OriginCheckingEcho(WebApplication app) => this.app = app;

        public Uri Uri => new(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/echo");
        public List<string> RefusedOrigins { get; } = [];
        public List<string> AcceptedOrigins { get; } = [];

        public static async Task<OriginCheckingEcho> StartAsync(string allowed)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var echo = new OriginCheckingEcho(app);
            app.UseWebSockets();
            app.Map("/echo", async context =>
            {
                var origin = context.Request.Headers.Origin.ToString();
                if (origin.Length > 0 && origin != allowed)
                {
                    lock (echo.RefusedOrigins)
                    {
                        echo.RefusedOrigins.Add(origin);
                    }

                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return;
                }

                lock (echo.AcceptedOrigins)
                {
                    echo.AcceptedOrigins.Add(origin);
                }

                using var socket = await context.WebSockets.AcceptWebSocketAsync();
                var buffer = new byte[1 << 20];
                var message = new MemoryStream();
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (received.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(socket.CloseStatus ?? System.Net.WebSockets.WebSocketCloseStatus.Empty, socket.CloseStatusDescription, CancellationToken.None);
                        return;
                    }

                    message.Write(buffer, 0, received.Count);
                    if (received.EndOfMessage)
                    {
                        await socket.SendAsync(message.ToArray(), received.MessageType, true, CancellationToken.None);
                        message.SetLength(0);
                    }
                }
            });
            await app.StartAsync();
            return echo;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
