namespace Conformance.ReportService.Storage;

/// <summary>
/// Where the service keeps uploaded runs and API tokens: SQLite in the data folder by default, PostgreSQL when a
/// connection string is given. Every write is one transaction, so a reader never sees part of an upload.
/// </summary>
public interface IReportStore : IAsyncDisposable
{
    /// <summary>Creates the tables when they do not exist yet.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a run and its summary columns in one transaction.</summary>
    Task AddRunAsync(StoredRun run, CancellationToken cancellationToken = default);

    /// <summary>The run with this id, or null.</summary>
    Task<StoredRun?> FindRunAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>One page of run summaries, newest first, with the number of runs the filters match.</summary>
    Task<RunPage> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes a run; false when there is none with this id.</summary>
    Task<bool> DeleteRunAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every implementation that has runs, by name, with its run count and latest run.</summary>
    Task<IReadOnlyList<ImplementationSummary>> ListImplementationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a token record; false when a token of that name exists already (revoked or not).</summary>
    Task<bool> AddTokenAsync(StoredToken token, CancellationToken cancellationToken = default);

    /// <summary>The token whose public prefix is <paramref name="prefix"/>, or null.</summary>
    Task<StoredToken?> FindTokenAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Marks the named token revoked; false when there is no such token or it was revoked before.</summary>
    Task<bool> RevokeTokenAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default);
}
