using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Conformance.TestKit;

/// <summary>
/// A target server in another process (npm ws, Python websockets), bound to 127.0.0.1 on a free port. It prints
/// "listening PORT" when ready; it is stopped by its PID when disposed.
/// </summary>
public sealed partial class ExternalServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process process;
    private string? temporaryFile;

    private ExternalServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri WebSocketUri => new($"ws://127.0.0.1:{Port}/echo");

    public Uri HttpUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>
    /// npm json-server 0.17.4 from fixtures/json-server, through its own CLI, over a temporary copy of db.json (the CLI
    /// writes to its file). The CLI cannot report a port it chose, so a free one is picked first.
    /// </summary>
    public static async Task<ExternalServer> StartJsonServerAsync()
    {
        var folder = Path.Combine(Repository.Root, "fixtures", "json-server");
        var database = Path.Combine(Path.GetTempPath(), $"json-server-db-{Guid.NewGuid():N}.json");
        File.Copy(Path.Combine(folder, "db.json"), database);
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var cli = Path.Combine(folder, "node_modules", "json-server", "lib", "cli", "bin.js");
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var server = await StartAsync("node", [cli, database, "--port", portText, "--host", "127.0.0.1"], new Regex($"^\\s*http://127\\.0\\.0\\.1:{portText}$"), port);
        server.temporaryFile = database;
        // The CLI prints its URLs as it starts listening, not after: wait until the port accepts.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return server;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"json-server printed its URL but port {port} never accepted a connection");
    }

    /// <summary>npm ws 8.18.3 from fixtures/ws (installed by the test command from the committed lockfile).</summary>
    public static Task<ExternalServer> StartWsAsync(bool deflate = false) =>
        StartAsync("node", [Path.Combine(Repository.Root, "fixtures", "ws", "server.js"), "0", .. deflate ? new[] { "deflate" } : []]);

    /// <summary>Debian's python3-websockets under /usr/bin/python3.</summary>
    public static Task<ExternalServer> StartPythonWebsocketsAsync(bool deflate = false) =>
        StartAsync("/usr/bin/python3", [Path.Combine(Repository.Root, "fixtures", "python-websockets", "server.py"), "0", .. deflate ? new[] { "deflate" } : []]);

    public static Task<ExternalServer> StartAsync(string program, IReadOnlyList<string> arguments) => StartAsync(program, arguments, ListeningLine(), null);

    private static async Task<ExternalServer> StartAsync(string program, IReadOnlyList<string> arguments, Regex ready, int? knownPort)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var match = ready.Match(line);
                if (match.Success)
                {
                    return new ExternalServer(process, knownPort ?? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with whatever the server printed.
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not report a port: {await errors}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (temporaryFile is not null)
        {
            File.Delete(temporaryFile);
        }
    }

    [GeneratedRegex(@"^listening (\d+)$")]
    private static partial Regex ListeningLine();
}
