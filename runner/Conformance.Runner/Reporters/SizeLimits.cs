using Conformance.Suite.Results;

namespace Conformance.Runner.Reporters;

/// <summary>The target's size limits the preflight inferred, and the cases they made unimplemented, in one line.</summary>
internal static class SizeLimits
{
    /// <summary>"textMessageLimit under 65536 bytes (…); 42 cases unimplemented: …", or null when no limit was seen.</summary>
    public static string? Describe(RunInfo run)
    {
        var limits = run.Capabilities.Where(c => c.Key.EndsWith("Limit", StringComparison.Ordinal)).Select(c => $"{c.Key} {c.Value}").ToList();
        if (run.Capabilities.TryGetValue("limitedCases", out var limited))
        {
            limits.Add(limited);
        }

        return limits.Count == 0 ? null : string.Join("; ", limits);
    }
}
