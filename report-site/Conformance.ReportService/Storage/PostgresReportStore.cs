using System.Data.Common;
using Npgsql;

namespace Conformance.ReportService.Storage;

/// <summary>The PostgreSQL store: the same tables as SQLite, in the schema the connection string's search path names.</summary>
public sealed class PostgresReportStore(string connectionString) : SqlReportStore
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    /// <inheritdoc />
    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    protected override bool IsDuplicateKey(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => _source.DisposeAsync();
}
