using System.Reflection;
using RazorLight;

namespace Conformance.ReportSite.Writing;

/// <summary>
/// The RazorLight engine over the templates embedded in this assembly. Templates compile on first use (Roslyn,
/// about a second) and are cached for the life of the process, so one engine serves every page and every site.
/// </summary>
public sealed class TemplateRenderer
{
    private static readonly Lazy<TemplateRenderer> Shared = new(() => new TemplateRenderer(Assembly.GetEntryAssembly() ?? typeof(TemplateRenderer).Assembly));

    private const string TemplatesNamespace = "Conformance.ReportSite.Templates";

    private readonly RazorLightEngine engine;
    private Task? warmed;

    /// <summary>
    /// Builds an engine whose templates compile against the references of <paramref name="operatingAssembly"/>; that
    /// assembly's project must set PreserveCompilationContext so its deps.json lists them.
    /// </summary>
    public TemplateRenderer(Assembly operatingAssembly) =>
        engine = new RazorLightEngineBuilder()
            .UseEmbeddedResourcesProject(typeof(TemplateRenderer).Assembly, TemplatesNamespace)
            .SetOperatingAssembly(operatingAssembly)
            .UseMemoryCachingProvider()
            .Build();

    /// <summary>The engine for the running application (its entry assembly).</summary>
    public static TemplateRenderer Default => Shared.Value;

    /// <summary>
    /// Compiles every template at once (Roslyn compiles one template per compilation, so this spreads them over the
    /// cores instead of paying for them one by one as pages first need them).
    /// </summary>
    public Task WarmUpAsync() => warmed ??= Task.WhenAll(
        typeof(TemplateRenderer).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(TemplatesNamespace + ".", StringComparison.Ordinal) && r.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(r => Task.Run(() => engine.CompileTemplateAsync(r[(TemplatesNamespace.Length + 1)..^".cshtml".Length]))));

    /// <summary>Renders a template ("Matrix", "Case"...) with its model; every expression is HTML-encoded.</summary>
    public Task<string> RenderAsync<TModel>(string template, TModel model) => engine.CompileRenderAsync(template, model);
}
