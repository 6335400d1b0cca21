using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Conformance.Interop.Harness;
using Conformance.Suite.Catalogue;
using Conformance.Suite.ClientSide;
using Conformance.Suite.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Conformance.Interop.ClientSide;

/// <summary>
/// The suite as a server for clients: Kestrel on 127.0.0.1, one port for everything. A connection whose request
/// line is <c>GET /case/ID?agent=NAME</c> for a known client case is handed, as raw bytes, to the
/// <see cref="ClientCaseEngine"/>; every other connection is plain HTTP: <c>/</c> (index), <c>/cases</c>,
/// <c>POST /report/ID</c>, <c>/results</c>, <c>/harness.html</c> and <c>/harness.js</c>.
/// </summary>
public sealed class ClientCaseServer : IAsyncDisposable
{
    private const string CasePath = "/case/";
    // The longest request line read while deciding where a connection goes; a case's is far shorter.
    private const int MaxRequestLine = 8 * 1024;
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromMilliseconds(500);

    private readonly ClientServerOptions options;
    private readonly Dictionary<string, CaseDefinition> cases;
    private readonly AgentResults results = new();
    private WebApplication? app;
    private ClientCaseEngine? engine;
    private int disposed;

    private ClientCaseServer(ClientServerOptions options)
    {
        this.options = options;
        cases = options.Cases.Where(c => c.Kind == CaseKind.Client).ToDictionary(c => c.Id, StringComparer.Ordinal);
        Cases = options.Cases.Where(c => c.Kind == CaseKind.Client).ToList();
    }

    /// <summary>The server's root, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseUri { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The client cases served, in catalogue order.</summary>
    public IReadOnlyList<CaseDefinition> Cases { get; }

    /// <summary>Agents that connected for at least one case.</summary>
    public IReadOnlyList<string> Agents => results.Agents.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Starts the server and returns once it accepts connections.
    /// </summary>
    /// <exception cref="IOException">The port is in use (Kestrel's address-in-use error).</exception>
    public static async Task<ClientCaseServer> StartAsync(ClientServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        var server = new ClientCaseServer(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Ambient settings (ASPNETCORE_* variables, an appsettings.json) must not move or reshape the server.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownGrace);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.RequestHeadersTimeout = options.Timeout;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next => context => server.RouteConnectionAsync(context, next));
            });
        });

        var app = builder.Build();
        server.MapEndpoints(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        server.app = app;
        server.BaseUri = new Uri($"http://127.0.0.1:{new Uri(app.Urls.Single()).Port}/");
        server.engine = new ClientCaseEngine(new ClientCaseOptions
        {
            Server = new Uri($"ws://127.0.0.1:{server.BaseUri.Port}/"),
            Seed = options.Seed,
            Timeout = options.Timeout,
            Silence = options.Silence,
            ReportGrace = options.ReportGrace,
            RerunCommand = options.RerunCommand ?? (definition => $"./run.sh serve --port {server.BaseUri.Port} --cases {definition.Id} --seed {options.Seed}, then connect the client to {server.CaseUri(definition.Id, AgentNames.Anonymous)}"),
        });
        return server;
    }

    /// <summary>The URL a client connects to for <paramref name="caseId"/>: <c>ws://127.0.0.1:PORT/case/ID?agent=NAME</c>.</summary>
    public Uri CaseUri(string caseId, string agent) =>
        new($"ws://127.0.0.1:{BaseUri.Port}{CasePath}{Uri.EscapeDataString(caseId)}?agent={Uri.EscapeDataString(AgentNames.Sanitise(agent))}");

    /// <summary>The result of <paramref name="caseId"/> for <paramref name="agent"/>, once its latest connection is judged.</summary>
    public async Task<CaseResult> ResultAsync(string agent, string caseId, CancellationToken cancellationToken) =>
        (await JudgedAsync(agent, caseId, cancellationToken)).Result;

    /// <summary>The next judgement of <paramref name="caseId"/> for <paramref name="agent"/>, and whether a deadline decided it.</summary>
    public Task<ClientCaseJudged> JudgedAsync(string agent, string caseId, CancellationToken cancellationToken) =>
        results.JudgedAsync(AgentNames.Sanitise(agent), caseId).WaitAsync(cancellationToken);

    /// <summary>The judged cases of <paramref name="agent"/>, in catalogue order.</summary>
    public IReadOnlyList<CaseResult> Results(string agent)
    {
        var name = AgentNames.Sanitise(agent);
        return Cases.Select(c => results.Latest(name, c.Id)).OfType<CaseResult>().ToList();
    }

    /// <summary>The results of <paramref name="agent"/> as a run report (the schema of results.json).</summary>
    public RunReport Report(string agent)
    {
        var name = AgentNames.Sanitise(agent);
        var judged = Results(name);
        var startedAt = results.Agents.TryGetValue(name, out var first) ? first : DateTimeOffset.UtcNow;
        return new RunReport
        {
            Run = new RunInfo
            {
                Tool = options.Tool,
                Catalogue = options.Catalogue,
                Target = new TargetInfo { Url = new Uri(BaseUri, $"cases?agent={name}").ToString() },
                Implementation = new ImplementationInfo { Name = name },
                Seed = options.Seed,
                Options = new Dictionary<string, string>
                {
                    ["role"] = "server (client cases)",
                    ["timeoutMs"] = ((int)options.Timeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["silenceMs"] = ((int)options.Silence.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["reportGraceMs"] = ((int)options.ReportGrace.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
                Complete = judged.Count == Cases.Count,
                StartedAt = startedAt,
                DurationMs = Math.Round((DateTimeOffset.UtcNow - startedAt).TotalMilliseconds, 1),
            },
            Cases = judged,
        };
    }

    /// <summary>Stops the server, aborting open connections after a short grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0 || app is null)
        {
            return;
        }

        try
        {
            using var grace = new CancellationTokenSource(ShutdownGrace);
            await app.StopAsync(grace.Token);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    // Peeks at the request line: a known case's connection goes to the engine, anything else on to HTTP. The bytes
    // stay unconsumed either way (AdvanceTo(Start)), so the engine and Kestrel both read the request from its start.
    private async Task RouteConnectionAsync(ConnectionContext context, ConnectionDelegate next)
    {
        var reader = context.Transport.Input;
        string? requestLine = null;
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed))
        {
            deadline.CancelAfter(options.Timeout);
            try
            {
                while (requestLine is null)
                {
                    var read = await reader.ReadAsync(deadline.Token);
                    var buffer = read.Buffer;
                    var end = buffer.PositionOf((byte)'\n');
                    if (end is null && buffer.Length < MaxRequestLine && !read.IsCompleted)
                    {
                        // Examined everything, consumed nothing: the next read waits for more bytes.
                        reader.AdvanceTo(buffer.Start, buffer.End);
                        continue;
                    }

                    var line = end is { } at ? buffer.Slice(0, at) : buffer.Slice(0, Math.Min(buffer.Length, MaxRequestLine));
                    requestLine = Encoding.Latin1.GetString(line.ToArray()).TrimEnd('\r');
                    reader.AdvanceTo(buffer.Start);
                }
            }
            catch (OperationCanceledException)
            {
                // No request line within the timeout (or the client left): close without an answer.
                context.Abort();
                return;
            }
        }

        if (CaseRequest(requestLine) is not ({ } definition, var agent))
        {
            await next(context);
            return;
        }

        await RunCaseAsync(context, definition, results.Admit(agent));
    }

    // "GET /case/ID?agent=NAME HTTP/1.1" for a known case: that case and the agent.
    private (CaseDefinition Definition, string Agent)? CaseRequest(string requestLine)
    {
        var parts = requestLine.Split(' ');
        if (parts is not ["GET", var target, _] || !target.StartsWith(CasePath, StringComparison.Ordinal))
        {
            return null;
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var id = Uri.UnescapeDataString(query < 0 ? target[CasePath.Length..] : target[CasePath.Length..query]);
        if (!cases.TryGetValue(id, out var definition))
        {
            return null;
        }

        var agent = query < 0 ? null : QueryHelpers.ParseQuery(target[query..]).TryGetValue("agent", out var values) ? values.ToString() : null;
        return (definition, AgentNames.Sanitise(agent));
    }

    private async Task RunCaseAsync(ConnectionContext context, CaseDefinition definition, string agent)
    {
        var report = results.BeginAttempt(agent, definition.Id);
        var stopping = app!.Lifetime.ApplicationStopping;
        ClientCaseConnection connection;
        await using (var stream = new DuplexPipeStream(context.Transport))
        {
            connection = await engine!.RunConnectionAsync(definition, stream, context.RemoteEndPoint?.ToString() ?? "client", stopping);
        }

        // The server closes TCP first (§7.1.1); the client's report comes after its close, so judge after ours.
        await context.Transport.Output.CompleteAsync();
        await context.Transport.Input.CompleteAsync();
        try
        {
            var result = await connection.JudgeAsync(report, stopping);
            results.Judged(agent, definition.Id, new ClientCaseJudged(result, connection.DecidedByTimeout));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: a case still waiting for its report has no verdict.
        }
    }

    private void MapEndpoints(WebApplication web)
    {
        web.MapGet("/", (HttpContext http) => TypedResults.Content(ClientCaseIndex.Render(this, Cases, Agent(http)), "text/html; charset=utf-8"));
        web.MapGet("/cases", (HttpContext http) =>
        {
            var agent = Agent(http);
            var list = Cases.Select(c => new CaseLink(c.Id, c.Title, c.Clause, c.Level, CaseUri(c.Id, agent).ToString()));
            return TypedResults.Text(JsonSerializer.Serialize(list, ResultsJson.Options), "application/json; charset=utf-8");
        });
        web.MapPost("/report/{id}", ReceiveReportAsync);
        web.MapGet("/results", (HttpContext http) => TypedResults.Text(ResultsJson.Serialize(Report(Agent(http))), "application/json; charset=utf-8"));
        web.MapGet("/case/{id}", (string id) => cases.ContainsKey(id)
            ? TypedResults.Text("open a WebSocket connection to this URL on a new connection\n", statusCode: StatusCodes.Status400BadRequest)
            : TypedResults.Text($"no client case '{id}'; GET /cases lists them\n", statusCode: StatusCodes.Status404NotFound));
        web.MapGet("/" + HarnessAssets.PageName, () => Asset(HarnessAssets.PageName, "text/html; charset=utf-8"));
        web.MapGet("/" + HarnessAssets.ScriptName, () => Asset(HarnessAssets.ScriptName, "text/javascript; charset=utf-8"));
    }

    private async Task<IResult> ReceiveReportAsync(string id, HttpContext http)
    {
        if (!cases.ContainsKey(id))
        {
            return TypedResults.Text($"no client case '{id}'\n", statusCode: StatusCodes.Status404NotFound);
        }

        if (http.Request.ContentLength > ClientReport.MaxBodyBytes)
        {
            return TypedResults.Text($"a report is at most {ClientReport.MaxBodyBytes} bytes\n", statusCode: StatusCodes.Status400BadRequest);
        }

        // Read at most one byte past the limit: enough to tell an oversized body without holding it.
        var body = new ArrayBufferWriter<byte>();
        var reader = http.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(http.RequestAborted);
            foreach (var segment in read.Buffer)
            {
                body.Write(segment.Span[..Math.Min(segment.Length, ClientReport.MaxBodyBytes + 1 - body.WrittenCount)]);
                if (body.WrittenCount > ClientReport.MaxBodyBytes)
                {
                    break;
                }
            }

            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted || body.WrittenCount > ClientReport.MaxBodyBytes)
            {
                break;
            }
        }

        if (!ClientReport.TryParse(body.WrittenSpan, out var report, out var error))
        {
            return TypedResults.Text(error + "\n", statusCode: StatusCodes.Status400BadRequest);
        }

        results.Report(Agent(http), id, report!);
        return TypedResults.NoContent();
    }

    private static string Agent(HttpContext http) => AgentNames.Sanitise(http.Request.Query["agent"].ToString());

    private static IResult Asset(string name, string contentType) =>
        HarnessAssets.Read(name) is { } bytes ? TypedResults.Bytes(bytes, contentType) : TypedResults.NotFound();

    /// <summary>One entry of GET /cases.</summary>
    private sealed record CaseLink(string Id, string Title, string Clause, RequirementLevel Level, string Url);

    /// <summary>No console lifetime: the command that starts the server owns Ctrl-C.</summary>
    private sealed class QuietHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
