using System.Diagnostics;

namespace Conformance.TestKit;

/// <summary>The result of running the command line as a separate process.</summary>
public sealed record CliOutcome(int ExitCode, string Output, string Errors, long PeakMemoryBytes);

/// <summary>Runs the runner (conformance.dll, copied next to the tests by a project reference) as its own process, as users and CI do.</summary>
public static class ConformanceCli
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The runner's entry assembly in the test folder.</summary>
    public static string Dll => Path.Combine(TestContext.CurrentContext.TestDirectory, "conformance.dll");

    /// <summary>
    /// Runs conformance with <paramref name="arguments"/> and waits for it (failing the test after <paramref name="timeout"/>,
    /// 60 s when null); <paramref name="whileRunning"/> acts on the process before the wait.
    /// </summary>
    public static async Task<CliOutcome> RunAsync(
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        Func<Process, Task>? whileRunning = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var process = Process.Start(StartInfo(arguments, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        using var done = new CancellationTokenSource(limit);
        var sampler = Task.Run(async () =>
        {
            // VmHWM is the process's peak resident set; sample it until the process ends.
            while (!process.HasExited)
            {
                peak = Math.Max(peak, PeakResident(process.Id));
                await Task.Delay(50);
            }
        });
        if (whileRunning is not null)
        {
            await whileRunning(process);
        }

        try
        {
            await process.WaitForExitAsync(done.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"conformance {string.Join(' ', arguments)} did not finish within {limit}: {await output}");
        }

        await sampler;
        return new CliOutcome(process.ExitCode, await output, await errors, peak);
    }

    /// <summary>
    /// How to start conformance with <paramref name="arguments"/> in the repository root: output redirected, no colour,
    /// no ambient CI or service settings.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        // Under GitHub Actions the tests' own step summary is set; runs started by tests must not write to it.
        info.Environment.Remove("GITHUB_STEP_SUMMARY");
        // An ambient token or database must not leak into a test's command line.
        info.Environment.Remove("CONFORMANCE_TOKEN");
        info.Environment.Remove("CONFORMANCE_REPORTS_POSTGRES");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    private static long PeakResident(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
