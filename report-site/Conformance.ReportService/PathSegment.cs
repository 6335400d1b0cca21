namespace Conformance.ReportService;

/// <summary>Route values that carry names from uploads (implementations), which may hold a slash.</summary>
internal static class PathSegment
{
    /// <summary>Routing decodes every escape in a path segment but %2F, which would otherwise split it; this one too.</summary>
    public static string Name(string routeValue) => routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
}
