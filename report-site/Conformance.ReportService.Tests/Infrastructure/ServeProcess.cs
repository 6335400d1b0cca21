using System.Diagnostics;
using System.Text;

namespace Conformance.ReportService.Tests.Infrastructure;

/// <summary>`serve-reports` running as its own process, ready once it printed where it listens.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public static async Task<ServeProcess> StartAsync(TestStore store)
    {
        var arguments = new List<string> { "serve-reports", "--urls", "http://127.0.0.1:0", "--data", store.DataDirectory, "--uploads-per-minute", "100000" };
        var environment = store.Postgres is null ? null : new Dictionary<string, string> { ["CONFORMANCE_REPORTS_POSTGRES"] = store.Postgres };
        var process = Process.Start(ConformanceCli.StartInfo(arguments, environment))!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("report service at ", StringComparison.Ordinal))
            {
                // Drain the rest of stdout so the pipe never fills.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return new ServeProcess(process, new Uri(line.Split(' ')[3]));
            }
        }

        process.Kill();
        throw new InvalidOperationException($"serve-reports did not start: {errors}");
    }

    /// <summary>SIGTERM, as a service manager stops it; the exit code, or null when it did not exit within 10 s.</summary>
    public async Task<int?> TerminateAsync()
    {
        using var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await signal.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }
}
