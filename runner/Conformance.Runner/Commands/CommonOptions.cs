using System.CommandLine;
using System.CommandLine.Parsing;
using Conformance.Suite.Execution;

namespace Conformance.Runner.Commands;

/// <summary>
/// The options run, bench and serve share, each declared once with its validator. serve describes its own (its
/// cases are client cases, its timeout starts at the accepted connection) and names its own options in the range
/// message, so each command prints what it printed before.
/// </summary>
internal static class CommonOptions
{
    public const int DefaultSeed = 6455;

    public static Option<string[]> Cases(string description) => new("--cases") { Description = description };

    public static Option<string[]> Area(string description) => new("--area") { Description = description };

    public static Option<string?> Out(string description) => new("--out", "-o") { Description = description };

    public static Option<string?> CasesDir(string description) => new("--cases-dir") { Description = description };

    public static Option<int> Seed(string description) => new("--seed") { Description = description, DefaultValueFactory = _ => DefaultSeed };

    public static Option<int> TimeoutMs(string description, string rangeMessage) =>
        InRange(new Option<int>("--timeout-ms") { Description = description, DefaultValueFactory = _ => (int)RunOptions.DefaultTimeout.TotalMilliseconds }, 50, 600_000, rangeMessage);

    public static Option<int> SilenceMs(string rangeMessage) =>
        InRange(new Option<int>("--silence-ms") { Description = "How long a 'nothing happens' check waits", DefaultValueFactory = _ => (int)RunOptions.DefaultSilence.TotalMilliseconds }, 10, 600_000, rangeMessage);

    /// <summary>Adds a validator: a value outside min..max is a usage error with <paramref name="message"/>.</summary>
    public static Option<int> InRange(Option<int> option, int min, int max, string message)
    {
        option.Validators.Add(result =>
        {
            if (Parsed<int>(result, out var value) && (value < min || value > max))
            {
                result.AddError(message);
            }
        });
        return option;
    }

    /// <summary>Adds a validator: a value for which <paramref name="problem"/> returns a message is a usage error with it.</summary>
    public static Option<T> Check<T>(Option<T> option, Func<T, string?> problem)
    {
        option.Validators.Add(result =>
        {
            if (Parsed<T>(result, out var value) && value is not null && problem(value) is { } message)
            {
                result.AddError(message);
            }
        });
        return option;
    }

    /// <summary>As <see cref="Check{T}"/> for an optional text: the check sees only a value that was given.</summary>
    public static Option<string?> CheckGiven(Option<string?> option, Func<string, string?> problem) =>
        Check(option, value => value is null ? null : problem(value));

    /// <summary>The option's value; false when it does not parse, which System.CommandLine reports as an error of its own.</summary>
    private static bool Parsed<T>(OptionResult result, out T? value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>A parser of an absolute URL with one of <paramref name="schemes"/>; anything else is a usage error with <paramref name="message"/>.</summary>
    public static Func<ArgumentResult, Uri?> UrlParser(string[] schemes, Func<string, string> message) => result =>
    {
        var text = result.Tokens[^1].Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && schemes.Contains(url.Scheme))
        {
            return url;
        }

        result.AddError(message(text));
        return null;
    };
}
