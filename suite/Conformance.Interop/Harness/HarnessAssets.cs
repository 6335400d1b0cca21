namespace Conformance.Interop.Harness;

/// <summary>The harness page and its script, embedded in this assembly and served by the harness hosts.</summary>
internal static class HarnessAssets
{
    /// <summary>The page the browser opens; it loads <see cref="ScriptName"/>.</summary>
    public const string PageName = "harness.html";
    /// <summary>The script with the browser scenarios and the client-case runner.</summary>
    public const string ScriptName = "harness.js";

    /// <summary>The bytes of an embedded asset; null for a name that is not one.</summary>
    public static byte[]? Read(string name)
    {
        using var stream = typeof(HarnessAssets).Assembly.GetManifestResourceStream("harness/" + name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
