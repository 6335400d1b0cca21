using System.Text;
using Spectre.Console;

namespace Conformance.Runner.Output;

/// <summary>
/// Terminal output: Spectre.Console when attached to a terminal, plain lines otherwise. Text that may come from
/// a target is stripped of control characters (no escape sequences reach the terminal) and markup-escaped.
/// </summary>
internal sealed class Terminal
{
    public Terminal(IAnsiConsole console, TextWriter errors, bool interactive, bool quiet = false, bool verbose = false)
    {
        Console = console;
        Errors = errors;
        Interactive = interactive;
        Quiet = quiet;
        Verbose = verbose;
    }

    /// <summary>The process's own standard output and error; colour and a live progress bar only on a terminal.</summary>
    public static Terminal ForProcess(Func<string, string?> variable)
    {
        var interactive = !System.Console.IsOutputRedirected;
        var noColor = variable("NO_COLOR") is { Length: > 0 };
        return new Terminal(CreateConsole(System.Console.Out, interactive, noColor), System.Console.Error, interactive);
    }

    /// <summary>Plain lines into the given writers, as when the output is redirected: what in-process callers read.</summary>
    public static Terminal ForWriters(TextWriter output, TextWriter errors) =>
        new(CreateConsole(output, interactive: false, noColor: true), errors, interactive: false);

    /// <summary>The same output with a command's --quiet and --verbose.</summary>
    public Terminal With(bool quiet, bool verbose) => new(Console, Errors, Interactive, quiet, verbose);

    /// <summary>No standard output at all (errors still shown): bench runs the pipeline through this.</summary>
    public Terminal Silenced() => new(CreateConsole(TextWriter.Null, interactive: false, noColor: true), Errors, interactive: false, quiet: true);

    private static IAnsiConsole CreateConsole(TextWriter writer, bool interactive, bool noColor)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive && !noColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!interactive)
        {
            // Logs and pipes have no width; do not wrap lines at 80 columns.
            console.Profile.Width = 200;
        }

        return console;
    }

    public IAnsiConsole Console { get; }
    public TextWriter Errors { get; }
    public bool Quiet { get; }
    public bool Verbose { get; }
    public bool Interactive { get; }

    /// <summary>Removes control characters (ESC, CR, BEL...) and bounds the length.</summary>
    public static string Clean(string? text, int max = 400)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, max));
        foreach (var c in text)
        {
            if (builder.Length >= max)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? c == '\n' || c == '\t' ? ' ' : '?' : c);
        }

        return builder.ToString();
    }

    /// <summary>Cleaned and escaped for Spectre markup.</summary>
    public static string Safe(string? text, int max = 400) => Markup.Escape(Clean(text, max));

    public void Line(string markup)
    {
        if (!Quiet)
        {
            Console.MarkupLine(markup);
        }
    }

    /// <summary>A line as is, never wrapped or styled, even under --quiet: commands people copy and lines CI parses.</summary>
    public void Raw(string line) => Console.Profile.Out.Writer.WriteLine(line);

    /// <summary>An error on standard error; each line cleaned on its own so multi-line messages stay readable.</summary>
    public void Error(string message) => Report("error", message);

    /// <summary>A warning on standard error, cleaned like <see cref="Error"/>: something went wrong that does not change the outcome.</summary>
    public void Warning(string message) => Report("warning", message);

    private void Report(string kind, string message) =>
        Errors.WriteLine($"{kind}: " + string.Join(Environment.NewLine, message.Split('\n').Select(l => Clean(l.TrimEnd('\r'), 4000))));
}
