using Conformance.Runner.Gate;
using Spectre.Console;

namespace Conformance.Runner.Output;

/// <summary>A gate on the terminal: one line per changed case, its kind first, then the counts.</summary>
internal static class ComparisonView
{
    public static void Print(Terminal terminal, GateOutcome gate, string headingMarkup)
    {
        var console = terminal.Console;
        if (!terminal.Quiet)
        {
            foreach (var (label, changes) in gate.Sections)
            {
                foreach (var change in changes)
                {
                    var clause = change.Clause.Length > 0 ? $" [grey]({Markup.Escape(change.Clause)})[/]" : "";
                    console.MarkupLine($"  [{Colour(label)}]{label,-11}[/] {Markup.Escape(change.Id)}  {Markup.Escape(GateOutcome.Transition(change))}{clause}");
                }
            }
        }

        console.MarkupLine($"{headingMarkup}: {(gate.Regressed ? "[red]" : "[green]")}{Markup.Escape(gate.Counts)}[/]");
    }

    private static string Colour(string label) => label switch
    {
        "regression" => "red",
        "improvement" => "green",
        _ => "grey",
    };
}
