using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Conformance.ReportService.Storage;

/// <summary>
/// The default store: one SQLite file, reports.db, in the data folder. WAL lets pages read while an upload writes;
/// synchronous=FULL makes a commit durable before the service answers 201, so a killed process loses no
/// acknowledged upload.
/// </summary>
public sealed class SqliteReportStore(string dataDirectory) : SqlReportStore
{
    /// <summary>The database file's name inside the data folder.</summary>
    public const string FileName = "reports.db";

    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(Path.GetFullPath(dataDirectory), FileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        // Seconds a statement waits for another writer (SQLite allows one at a time) before it fails.
        DefaultTimeout = 30,
    }.ToString();

    /// <inheritdoc />
    public override async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(dataDirectory);
        await using (var connection = await OpenAsync(cancellationToken))
        await using (var wal = connection.CreateCommand())
        {
            // The journal mode is stored in the file: set once, every later connection uses WAL.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteScalarAsync(cancellationToken);
        }

        await base.InitializeAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            // synchronous is a per-connection setting (the default in WAL mode, NORMAL, may lose the last commits on power loss).
            pragma.CommandText = "PRAGMA synchronous=FULL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A deferred transaction takes no write lock: it reads one snapshot while uploads go on (WAL).</summary>
    protected override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    /// <inheritdoc />
    protected override bool IsDuplicateKey(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19 }; // SQLITE_CONSTRAINT

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them so the folder can be removed or reopened.
        using var probe = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(probe);
        return ValueTask.CompletedTask;
    }
}
