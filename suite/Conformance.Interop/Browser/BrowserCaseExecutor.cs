using System.Text.Json;
using Conformance.Interop.Harness;
using Conformance.Suite.Catalogue;
using Conformance.Suite.Execution;
using Conformance.Suite.Execution.Scheduling;
using Conformance.Suite.Oracles;
using Conformance.Suite.Oracles.Browser;
using Conformance.Suite.Results;
using Conformance.Suite.Transport;
using Conformance.Suite.Wire;
using Microsoft.Playwright;

namespace Conformance.Interop.Browser;

/// <summary>
/// Runs browser cases: each in a fresh browser context and page loaded from the harness host (or from --origin, by
/// routing), where harness.js runs the scenario with the browser's own WebSocket API; the oracle judges what it saw.
/// </summary>
public sealed class BrowserCaseExecutor : ICaseRunner
{
    private const int MaxParallelPages = 4;
    private static readonly TimeSpan PageSlack = TimeSpan.FromSeconds(5);

    private readonly BrowserRunOptions options;
    private readonly Redactor redactor;
    private readonly Func<CaseDefinition, string> rerunCommand;
    private HarnessHost? host;
    private BrowserSession? browser;
    private string? origin;
    private string? originRefused;
    private TargetLimits limits = TargetLimits.None;
    private HarnessPages? pages;

    public BrowserCaseExecutor(BrowserRunOptions options, Redactor redactor, Func<CaseDefinition, string> rerunCommand)
    {
        this.options = options;
        this.redactor = redactor;
        this.rerunCommand = rerunCommand;
    }

    /// <inheritdoc/>
    public CaseKind Kind => CaseKind.Browser;

    /// <summary>The run's parallelism, at most four pages at once.</summary>
    public int Parallelism => Math.Clamp(options.WebSocket.Parallel, 1, MaxParallelPages);

    /// <inheritdoc/>
    public Redactor Redactor => redactor;

    /// <inheritdoc/>
    public string RerunCommand(CaseDefinition definition) => rerunCommand(definition);

    /// <summary>"chromium 156.0.8078.108", once the preflight started the browser.</summary>
    public string? BrowserDescription => browser?.Description;

    /// <summary>The origin the page runs at, once the preflight ran.</summary>
    public string? PageOrigin => origin;

    /// <summary>
    /// Starts the harness host and the browser, then makes one raw handshake with the page's Origin: a target that
    /// refuses that Origin gets every browser case as an error naming it, not a list of failed opens.
    /// </summary>
    /// <exception cref="BrowserUnavailableException">The browser does not start.</exception>
    /// <exception cref="Suite.Transport.TargetUnreachableException">The target cannot be reached.</exception>
    public async Task<Preflight> PreflightAsync(IReadOnlyList<CaseDefinition> cases, CancellationToken cancellationToken)
    {
        host = await HarnessHost.StartAsync(cancellationToken);
        browser = await BrowserSession.LaunchAsync(options.Browser, cancellationToken);
        origin = options.Origin ?? host.Origin;
        // Under --origin the page is answered from memory at that origin, so the browser sends that Origin.
        pages = new HarnessPages(browser, new Uri(new Uri(origin + "/"), HarnessAssets.PageName),
            options.Origin is null ? null : context => context.RouteAsync(origin + "/**", FulfilFromHarnessAsync));
        var probe = new Executor(options.WebSocket with { Origin = origin }, redactor, rerunCommand);
        var capabilities = await probe.ProbeAsync(cancellationToken);
        if (capabilities.RefusedStatus is { } status)
        {
            originRefused = $"the target refused the upgrade with {status} when it carried the harness page's Origin {origin}"
                + (options.Origin is null ? "; allow that origin, or pass --origin with one the target accepts" : "; pass --origin with one the target accepts")
                + " (§10.2 lets a server refuse origins it does not know)";
        }

        if (capabilities.Known && options.WebSocket.MaxMessage is null && options.WebSocket.MaxFrame is null)
        {
            // The same ladder as the raw cases' preflight, up to the largest message a browser case sends (§10.4).
            long Largest(bool text) => cases.Select(c => c.Body).OfType<BrowserBody>().Select(b => b.Spec)
                .Where(spec => spec.Scenario is BrowserScenario.Echo or BrowserScenario.Buffered or BrowserScenario.CompressedEcho && spec.Payload == BrowserPayload.Text == text)
                .Select(spec => (long)spec.Size).DefaultIfEmpty(0).Max();
            limits = await probe.LimitsAsync(capabilities, Largest(text: true), Largest(text: false), cancellationToken);
        }

        var described = limits.Describe();
        var detail = $"browser: {browser.Description}, page origin {origin}" + (capabilities.RefusedStatus is { } refused ? $", refused with {refused}" : "") + (described.Length == 0 ? "" : $"; {described}");
        return new Preflight(detail, null, new Dictionary<string, string> { ["browser"] = browser.Description, ["browserOrigin"] = origin });
    }

    /// <inheritdoc/>
    public NotRun? Applicability(CaseDefinition definition)
    {
        if (definition.Body is not BrowserBody { Spec: var spec })
        {
            return null;
        }

        if (Reason(definition, spec) is { } reason)
        {
            return new NotRun(reason, IsError: originRefused is not null);
        }

        if (spec.Scenario is BrowserScenario.Echo or BrowserScenario.Buffered or BrowserScenario.CompressedEcho && !definition.Requires.Contains(CaseRequirements.MaxMessage))
        {
            // A browser sends what send() is given as it chooses; judged as one frame, the larger it can be.
            var size = Math.Max(spec.Size, System.Text.Encoding.UTF8.GetByteCount(spec.Text ?? ""));
            var type = spec.Payload == BrowserPayload.Text ? Opcode.Text : Opcode.Binary;
            return LimitOracles.ForMessage(new MessageSize(type, size, size), options.WebSocket, limits);
        }

        return null;
    }

    /// <summary>None of the scheduler's: the page's own wait bounds the scenario (see <see cref="AttemptAsync"/>).</summary>
    public TimeSpan? Budget(CaseDefinition definition) => null;

    /// <summary>Runs one browser case in a page (the preflight must have run).</summary>
    public Task AttemptAsync(CaseAttempt attempt, CancellationToken cancellationToken)
    {
        if (browser is null || host is null || origin is null || attempt.Definition.Body is not BrowserBody { Spec: var spec })
        {
            throw new InvalidOperationException("Run the preflight first, and only browser cases.");
        }

        var offered = spec.OfferNone ? [] : spec.Protocols.Count > 0 ? spec.Protocols : options.WebSocket.Subprotocols;
        return RunInPageAsync(spec, offered, attempt.Log, attempt.Judgement, attempt.Definition, cancellationToken);
    }

    /// <summary>Nothing: the page's traffic is not counted byte by byte.</summary>
    public void Measure(CaseAttempt attempt, TimeSpan elapsed)
    {
    }

    /// <inheritdoc/>
    public Task<bool> ReachableAsync(CancellationToken cancellationToken) =>
        Reachability.AcceptsAsync(options.WebSocket.Target, options.WebSocket.Transport, redactor, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (pages is not null)
        {
            await pages.DisposeAsync();
        }

        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private string? Reason(CaseDefinition definition, BrowserSpec spec)
    {
        if (originRefused is not null)
        {
            return originRefused;
        }

        if (spec.Scenario == BrowserScenario.Subprotocol && !spec.OfferNone && spec.Protocols.Count == 0 && options.WebSocket.Subprotocols.Count == 0)
        {
            return "the case offers the subprotocol the target supports; declare one with --subprotocol NAME";
        }

        if (definition.Requires.Contains(CaseRequirements.MaxMessage))
        {
            if (options.WebSocket.MaxMessage is not { } limit)
            {
                return "the case sends a message over the target's declared limit; declare it with --max-message BYTES";
            }

            if (limit >= MaxBrowserMessage)
            {
                return $"the declared limit ({limit} bytes) is too large for a browser case (at most {MaxBrowserMessage - 1})";
            }
        }

        return null;
    }

    private const long MaxBrowserMessage = 64L * 1024 * 1024;

    private async Task RunInPageAsync(BrowserSpec spec, IReadOnlyList<string> offered, WireLog log, Judgement judgement, CaseDefinition definition, CancellationToken cancellationToken)
    {
        var size = spec.Scenario == BrowserScenario.TargetCloses ? (int)(options.WebSocket.MaxMessage!.Value + 1) : spec.Size;
        var timeout = options.WebSocket.TimeoutFor(size * 2L);
        var protocols = spec.Scenario == BrowserScenario.Subprotocol && !spec.OfferNone ? offered.ToArray() : null;
        HarnessPage? page = null;
        try
        {
            page = await pages!.TakeAsync();
            log.Add(WireEventKind.Note, WireDirection.None, $"{browser!.Description}: page {origin}/{HarnessAssets.PageName}, WebSocket to {options.WebSocket.Target}" + (protocols is null ? "" : $", protocols [{string.Join(", ", protocols)}]"));
            var arguments = new Dictionary<string, object?>
            {
                ["url"] = options.WebSocket.Target.ToString(),
                ["scenario"] = Scenario(spec.Scenario),
                ["payload"] = spec.Payload.ToString().ToLowerInvariant(),
                ["size"] = size,
                ["text"] = spec.Text,
                ["code"] = spec.Code,
                ["reason"] = spec.Reason,
                ["protocols"] = protocols,
                ["timeoutMs"] = (int)timeout.TotalMilliseconds,
            };
            var evaluation = page.Page.EvaluateAsync<JsonElement>("spec => window.conformance.run(spec)", arguments);
            var finished = await Task.WhenAny(evaluation, Task.Delay(timeout * 3 + PageSlack, cancellationToken));
            if (finished != evaluation)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await page.DisposeAsync();
                page = null;
                throw new HarnessException($"the page did not finish the scenario within {(int)(timeout * 3 + PageSlack).TotalMilliseconds} ms");
            }

            var seen = BrowserObservation.From(await evaluation);
            if (!seen.Opened && seen.ConstructorError is null && !await ReachableAsync(cancellationToken))
            {
                // The page's WebSocket did not open because nothing listens any more: the target died mid-run.
                throw new TargetUnreachableException($"the browser's WebSocket did not open and {options.WebSocket.Target} refuses connections");
            }

            foreach (var e in seen.Events)
            {
                log.Add(WireEventKind.Note, Direction(e.Kind), $"{e.Ms} ms {e.Kind}: {e.Detail}");
            }

            foreach (var line in page.DrainConsole())
            {
                log.Add(WireEventKind.Note, WireDirection.None, line);
            }

            BrowserOracle.Judge(spec, seen, offered, judgement);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or JsonException)
        {
            if (page is not null)
            {
                await page.DisposeAsync();
                page = null;
            }

            throw new HarnessException($"the browser page failed: {e.Message.Split('\n', 2)[0]}", e);
        }
        finally
        {
            if (page is not null)
            {
                pages!.Return(page);
            }
        }
    }

    private static async Task FulfilFromHarnessAsync(IRoute route)
    {
        var name = new Uri(route.Request.Url).AbsolutePath.TrimStart('/');
        if (HarnessAssets.Read(name) is { } body)
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, BodyBytes = body, ContentType = HarnessHost.ContentType(name) });
        }
        else
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
        }
    }

    private static string Scenario(BrowserScenario scenario) => scenario switch
    {
        BrowserScenario.CompressedEcho => "compressed-echo",
        BrowserScenario.TargetCloses => "target-closes",
        _ => scenario.ToString().ToLowerInvariant(),
    };

    private static WireDirection Direction(string kind) => kind switch
    {
        "send" or "close()" => WireDirection.Out,
        "message" or "close" => WireDirection.In,
        _ => WireDirection.None,
    };
}
