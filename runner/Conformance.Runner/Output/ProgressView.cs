using Conformance.Suite.Results;
using Spectre.Console;

namespace Conformance.Runner.Output;

/// <summary>Live progress while cases run: a bar on a terminal, plain lines otherwise.</summary>
internal static class ProgressView
{
    public static async Task<T> RunAsync<T>(Terminal terminal, int total, Func<IProgress<CaseResult>, Task<T>> run)
    {
        var done = 0;
        void Print(CaseResult result)
        {
            var count = Interlocked.Increment(ref done);
            if (terminal.Verbose || result.Verdict != Verdict.Pass && !terminal.Quiet)
            {
                var observed = result.Verdict == Verdict.Pass ? "" : " — " + Terminal.Safe(result.Observed, 160);
                terminal.Console.MarkupLine($"[[{count,4}/{total}]] {VerdictStyle.Markup(result.Verdict)} {Markup.Escape(result.Id)}{observed}");
            }
        }

        if (!terminal.Interactive || terminal.Quiet)
        {
            return await run(new SynchronousProgress(Print));
        }

        T? result = default;
        await terminal.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("running cases", maxValue: total);
                result = await run(new SynchronousProgress(r =>
                {
                    Print(r);
                    task.Increment(1);
                }));
            });
        return result!;
    }

    // Progress<T> posts to the thread pool and can report after the run ended; this reports inline.
    private sealed class SynchronousProgress(Action<CaseResult> report) : IProgress<CaseResult>
    {
        private readonly object gate = new();

        public void Report(CaseResult value)
        {
            lock (gate)
            {
                report(value);
            }
        }
    }
}
