using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Conformance.Interop.ClientSide;
using Conformance.Suite.Results;
using Json.Schema;

namespace Conformance.Interop.Tests.ClientSide;

/// <summary>The HTTP side of the client-case server, and what it does with hostile connections.</summary>
[Category("Interop")]
public sealed class ClientCaseServerTests
{
    private static readonly TimeSpan CloseLimit = TimeSpan.FromSeconds(8);
    private ClientCaseServer server = null!;
    private HttpClient http = null!;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        server = await ClientCaseHost.StartAsync();
        http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Test]
    public async Task The_index_lists_every_case_and_encodes_a_hostile_agent_name()
    {
        var page = await http.GetStringAsync("/?agent=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.Multiple(() =>
        {
            Assert.That(page, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(page, Does.Not.Contain("<script>"));
            Assert.That(page, Does.Contain("-script-alert-1---script-"), "the agent name, reduced to its safe alphabet");
            Assert.That(Repository.ClientCases.Select(c => c.Id), Is.All.Matches<string>(id => page.Contains(id!, StringComparison.Ordinal)));
            Assert.That(page, Does.Contain("RFC6455 4.1").And.Contain($"ws://127.0.0.1:{server.BaseUri.Port}/case/ws.client.echo-text?agent="));
        });
    }

    [Test]
    public async Task Cases_lists_every_client_case_with_clause_level_and_url()
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync("/cases?agent=lib-1.0"));
        var entries = document.RootElement.EnumerateArray().ToList();
        var echo = entries.Single(e => e.GetProperty("id").GetString() == "ws.client.echo-text");
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.GetProperty("id").GetString()), Is.EqualTo(Repository.ClientCases.Select(c => c.Id)));
            Assert.That(echo.GetProperty("clause").GetString(), Is.EqualTo("RFC6455 5.6"));
            Assert.That(echo.GetProperty("level").GetString(), Is.EqualTo("must"));
            Assert.That(echo.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(echo.GetProperty("url").GetString(), Is.EqualTo(server.CaseUri("ws.client.echo-text", "lib-1.0").ToString()));
        });
    }

    [Test]
    public async Task The_harness_page_and_script_are_served()
    {
        using var page = await http.GetAsync("/harness.html");
        using var script = await http.GetAsync("/harness.js");
        Assert.Multiple(() =>
        {
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(script.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
        });
    }

    [TestCase("not json")]
    [TestCase("[1, 2]")]
    [TestCase("null")]
    [TestCase("{\"closeCode\": \"three thousand\"}")]
    public async Task A_malformed_report_gets_400(string body)
    {
        using var response = await http.PostAsync("/report/ws.client.echo-text", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task An_oversized_report_gets_400_and_an_unknown_case_404()
    {
        var huge = JsonSerializer.Serialize(new { detail = new string('x', 70_000) });
        using var oversized = await http.PostAsync("/report/ws.client.echo-text", new StringContent(huge, Encoding.UTF8, "application/json"));
        using var unknown = await http.PostAsJsonAsync("/report/ws.client.no-such-case", new { opened = true });
        using var valid = await http.PostAsJsonAsync("/report/ws.client.echo-text?agent=reporter", new { opened = true, closeCode = 1000 });
        using var unknownCase = await http.GetAsync("/case/ws.client.no-such-case");
        Assert.Multiple(() =>
        {
            Assert.That(oversized.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(unknownCase.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Results_follow_the_results_json_schema()
    {
        // One passing and one failing case (with its wire log) for the agent.
        foreach (var id in new[] { "ws.client.echo-text", "ws.client.close-empty-reported-1005" })
        {
            var report = await ClientWebSocketDriver.RunCaseAsync(server.CaseUri(id, "schema"), CancellationToken.None);
            using var posted = await http.PostAsJsonAsync($"/report/{id}?agent=schema", report);
            await server.ResultAsync("schema", id, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }

        var json = await http.GetStringAsync("/results?agent=schema");
        var schema = JsonSchema.FromFile(Path.Combine(Repository.Root, "schemas", "results.schema.json"));
        using var document = JsonDocument.Parse(json);
        var evaluation = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var problems = (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        var results = ResultsJson.Deserialize(json);
        Assert.Multiple(() =>
        {
            Assert.That(evaluation.IsValid, Is.True, string.Join(Environment.NewLine, problems));
            Assert.That(results.Cases.Select(c => (c.Id, c.Verdict)), Is.EqualTo(new[] { ("ws.client.echo-text", Verdict.Pass), ("ws.client.close-empty-reported-1005", Verdict.NonStrict) }));
            Assert.That(results.Cases[1].Wire, Is.Not.Empty, "a failing case carries its wire log");
            Assert.That(results.Run.Implementation.Name, Is.EqualTo("schema"));
        });
    }

    [TestCase("\u0016\u0003\u0001 not HTTP at all\r\n\r\n")]
    [TestCase("GET /case/ws.client.echo-text HTTP/1.1\r\nX: ")]
    [TestCase("GET /cases HTTP/1.1\r\nHost: x\r\nX: ")]
    public async Task A_hostile_connection_is_answered_or_closed_and_the_server_carries_on(string start)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseUri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(start));
        if (start.EndsWith("X: ", StringComparison.Ordinal))
        {
            // A 1 MB header: the server stops reading long before the end.
            await WriteIgnoringResetAsync(stream, Encoding.ASCII.GetBytes(new string('a', 1024 * 1024)));
        }

        var answer = await ReadUntilClosedAsync(stream);
        Assert.That(answer, Does.StartWith("HTTP/1.1 4").Or.Empty, "an HTTP error or a plain close");
        await AssertServerAnswersAsync();
    }

    [TestCase("GET /ca")]
    [TestCase("GET /case/ws.client.echo-text HTTP/1.1\r\nHost: 127.0.0.1\r\n")]
    [TestCase("")]
    public async Task A_slow_loris_is_closed_after_the_timeout(string start)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseUri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(start));
        var answer = await ReadUntilClosedAsync(stream);
        Assert.That(answer, Does.StartWith("HTTP/1.1 4").Or.Empty);
        await AssertServerAnswersAsync();
    }

    private async Task AssertServerAnswersAsync()
    {
        using var response = await http.GetAsync("/cases");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the server still answers");
    }

    // Reads what the server sends until it closes; fails if it keeps the connection open past the limit.
    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream)
    {
        using var limit = new CancellationTokenSource(CloseLimit);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int count;
            while ((count = await stream.ReadAsync(buffer, limit.Token)) > 0)
            {
                received.Write(buffer, 0, count);
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the connection was still open after {CloseLimit.TotalSeconds} s");
        }

        return Encoding.Latin1.GetString(received.ToArray());
    }

    private static async Task WriteIgnoringResetAsync(NetworkStream stream, byte[] bytes)
    {
        try
        {
            await stream.WriteAsync(bytes);
        }
        catch (IOException)
        {
            // The server may close (and reset) before the whole header is written: that is the point.
        }
    }
}
