using System.Diagnostics;

namespace Conformance.Runner.Tests.Infrastructure;

/// <summary>The result of running the command line as a separate process.</summary>
internal sealed record RunnerOutcome(int ExitCode, string Output, string Errors, long PeakMemoryBytes);

/// <summary>Runs the runner (conformance.dll) as its own process, as users and CI do.</summary>
internal static class RunnerProcess
{
    public static async Task<RunnerOutcome> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, Func<Process, Task>? whileRunning = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        info.ArgumentList.Add(Repository.RunnerDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        // Under GitHub Actions the tests' own step summary is set; runs started by tests must not write to it.
        info.Environment.Remove("GITHUB_STEP_SUMMARY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        long peak = 0;
        using var done = new CancellationTokenSource(timeout);
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
            Assert.Fail($"the runner did not finish within {timeout}: {await output}");
        }

        await sampler;
        return new RunnerOutcome(process.ExitCode, await output, await errors, peak);
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
