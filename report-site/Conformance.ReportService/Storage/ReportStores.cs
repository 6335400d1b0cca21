namespace Conformance.ReportService.Storage;

/// <summary>Chooses the store the command line asks for.</summary>
public static class ReportStores
{
    /// <summary>The environment variable that may hold the PostgreSQL connection string instead of --postgres.</summary>
    public const string PostgresVariable = "CONFORMANCE_REPORTS_POSTGRES";

    /// <summary>PostgreSQL when a connection string is given, else SQLite in <paramref name="dataDirectory"/>; tables created.</summary>
    public static async Task<IReportStore> OpenAsync(string? dataDirectory, string? postgres, CancellationToken cancellationToken = default)
    {
        IReportStore store = string.IsNullOrEmpty(postgres)
            ? new SqliteReportStore(dataDirectory ?? throw new ArgumentException("A data folder or a PostgreSQL connection string is required.", nameof(dataDirectory)))
            : new PostgresReportStore(postgres);
        try
        {
            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
