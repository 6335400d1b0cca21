using Conformance.Suite.Catalogue;
using Conformance.Suite.Results;

namespace Conformance.Runner.Commands;

/// <summary>Builds the one-line command that re-runs one case with the same seed and verdict-relevant options.</summary>
internal static class RerunCommand
{
    public static Func<CaseDefinition, string> For(RunSettings settings, Redactor redactor, bool embeddedTarget)
    {
        var common = new List<string>();
        if (!embeddedTarget && settings.Target is { } target)
        {
            common.Add("--target " + Quote(redactor.Apply(target.ToString())));
        }

        common.Add($"--seed {settings.Seed}");
        if (settings.TimeoutMs != (int)Suite.Execution.RunOptions.DefaultTimeout.TotalMilliseconds)
        {
            common.Add($"--timeout-ms {settings.TimeoutMs}");
        }

        if (settings.SilenceMs != (int)Suite.Execution.RunOptions.DefaultSilence.TotalMilliseconds)
        {
            common.Add($"--silence-ms {settings.SilenceMs}");
        }

        if (settings.CloseCodes == Suite.Wire.CloseCodePolicy.Rfc6455)
        {
            common.Add("--close-codes rfc6455");
        }

        common.AddRange(settings.Headers.Select(h => "--header " + Quote(redactor.Apply(h.ToString()))));
        if (settings.Origin is { } origin)
        {
            common.Add("--origin " + Quote(origin));
        }

        common.AddRange(settings.Subprotocols.Select(p => "--subprotocol " + Quote(p)));
        if (settings.MaxMessage is { } max)
        {
            common.Add($"--max-message {max}");
        }

        if (settings.MaxFrame is { } maxFrame)
        {
            common.Add($"--max-frame {maxFrame}");
        }

        if (settings.Insecure)
        {
            common.Add("--insecure");
        }

        if (settings.CaCert is { } ca)
        {
            common.Add("--ca-cert " + Quote(ca));
        }

        if (settings.RestProfile is { } profile)
        {
            common.Add("--rest-profile " + Quote(profile));
        }

        if (settings.RestReadOnly)
        {
            common.Add("--rest-readonly");
        }

        var tail = string.Join(" ", common);
        var custom = settings.CasesDir is { } dir ? " --cases-dir " + Quote(dir) : "";
        var browser = " --browser " + Quote(settings.Browser ?? Conformance.Interop.Browser.BrowserOptions.Supported[0])
            + (settings.BrowserPath is { } path ? " --browser-path " + Quote(path) : "");
        return definition => $"./run.sh run --cases {definition.Id} {tail}{(definition.Tier == CaseTiers.Full ? " --tier full" : "")}{(definition.Source == "custom" ? custom : "")}{(definition.Kind == CaseKind.Browser ? browser : "")}";
    }

    /// <summary>POSIX single-quoting, so a value with spaces or quotes survives the shell.</summary>
    public static string Quote(string value) =>
        value.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+".Contains(c, StringComparison.Ordinal)) && value.Length > 0
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
