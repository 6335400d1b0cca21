using Conformance.Runner.Output;

namespace Conformance.Runner.Commands;

/// <summary>
/// What a command may use of the process it runs in: the terminal (standard output and error), the environment
/// variables it reads (GITHUB_STEP_SUMMARY, CONFORMANCE_TOKEN, the report store's connection string, NO_COLOR) and
/// Ctrl-C. Program passes the process's own; tests pass their own writers and variables and run commands in-process.
/// </summary>
internal sealed record CommandHost(Terminal Terminal, Func<string, string?> Variable, CancellationToken Interrupt)
{
    public static CommandHost ForProcess(CancellationToken interrupt) =>
        new(Terminal.ForProcess(Environment.GetEnvironmentVariable), Environment.GetEnvironmentVariable, interrupt);
}
