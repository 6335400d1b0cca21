using Conformance.Runner.Commands;
using Conformance.Runner.Output;

namespace Conformance.Runner.Tests.Cli;

/// <summary>The exit code and what a command line printed, run inside the test process.</summary>
internal sealed record InProcessOutcome(int ExitCode, string Output, string Errors);

/// <summary>
/// Runs the command line through <see cref="Program.RunAsync"/> in the test process: plain output into its own
/// writers (as when redirected, without colour) and only the environment variables given, so a variable of the
/// test process (GITHUB_STEP_SUMMARY under CI, CONFORMANCE_TOKEN) never reaches the command.
/// </summary>
internal static class InProcessRunner
{
    public static async Task<InProcessOutcome> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var variables = environment ?? new Dictionary<string, string>();
        var host = new CommandHost(Terminal.ForWriters(output, errors), name => variables.GetValueOrDefault(name), CancellationToken.None);
        var exitCode = await Program.RunAsync(arguments, host);
        return new InProcessOutcome(exitCode, output.ToString(), errors.ToString());
    }
}
