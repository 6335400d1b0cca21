using System.Data;
using System.Data.Common;
using System.Globalization;

namespace Conformance.ReportService.Storage;

/// <summary>
/// The SQL both stores share: the same tables and statements run on SQLite and PostgreSQL. Times are Unix
/// milliseconds and hashes hex text, so no column type differs between the two; the run's JSON is kept as text,
/// byte for byte as uploaded.
/// </summary>
public abstract class SqlReportStore : IReportStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS runs (
            id TEXT PRIMARY KEY,
            implementation TEXT NOT NULL,
            version TEXT,
            catalogue_version TEXT NOT NULL,
            catalogue_hash TEXT NOT NULL,
            tool TEXT NOT NULL,
            uploaded_by TEXT NOT NULL,
            uploaded_at BIGINT NOT NULL,
            pass BIGINT NOT NULL,
            informational BIGINT NOT NULL,
            unimplemented BIGINT NOT NULL,
            non_strict BIGINT NOT NULL,
            fail BIGINT NOT NULL,
            error BIGINT NOT NULL,
            results TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS runs_by_implementation ON runs (implementation, uploaded_at);
        CREATE INDEX IF NOT EXISTS runs_by_time ON runs (uploaded_at);
        CREATE TABLE IF NOT EXISTS tokens (
            name TEXT PRIMARY KEY,
            prefix TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            implementation TEXT,
            admin BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT
        );
        """;

    private const string SummaryColumns =
        "id, implementation, version, catalogue_version, catalogue_hash, tool, uploaded_by, uploaded_at, pass, informational, unimplemented, non_strict, fail, error";

    /// <summary>Opens a connection ready for use.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Whether an exception is the unique-key violation of an insert.</summary>
    protected abstract bool IsDuplicateKey(DbException exception);

    /// <summary>Begins a read-only transaction that sees one snapshot of the data.</summary>
    protected virtual ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    /// <inheritdoc />
    public virtual async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, Schema, [], cancellationToken);
    }

    /// <inheritdoc />
    public async Task AddRunAsync(StoredRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Summary;
        await using var connection = await OpenAsync(cancellationToken);
        // The insert is one statement, but the transaction states the contract: the run is visible whole or not at all.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(
            connection,
            transaction,
            $"INSERT INTO runs ({SummaryColumns}, results) VALUES (@id, @implementation, @version, @catalogue_version, @catalogue_hash, @tool, @uploaded_by, @uploaded_at, @pass, @informational, @unimplemented, @non_strict, @fail, @error, @results)",
            [
                ("id", s.Id), ("implementation", s.Implementation), ("version", s.Version), ("catalogue_version", s.CatalogueVersion),
                ("catalogue_hash", s.CatalogueHash), ("tool", s.Tool), ("uploaded_by", s.UploadedBy), ("uploaded_at", s.UploadedAt.ToUnixTimeMilliseconds()),
                ("pass", (long)s.Verdicts.Pass), ("informational", (long)s.Verdicts.Informational), ("unimplemented", (long)s.Verdicts.Unimplemented),
                ("non_strict", (long)s.Verdicts.NonStrict), ("fail", (long)s.Verdicts.Fail), ("error", (long)s.Verdicts.Error), ("results", run.ResultsJson),
            ],
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredRun?> FindRunAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {SummaryColumns}, results FROM runs WHERE id = @id", [("id", id)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredRun(ReadSummary(reader), reader.GetString(14)) : null;
    }

    /// <inheritdoc />
    public async Task<RunPage> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var conditions = new List<string>();
        var parameters = new List<(string, object?)>();
        foreach (var (column, value) in new[] { ("implementation", query.Implementation), ("version", query.Version), ("catalogue_version", query.CatalogueVersion) })
        {
            if (value is not null)
            {
                conditions.Add($"{column} = @{column}");
                parameters.Add((column, value));
            }
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        await using var connection = await OpenAsync(cancellationToken);
        // Both reads in one transaction, so the total matches the page.
        await using var transaction = await BeginSnapshotAsync(connection, cancellationToken);
        long total;
        await using (var count = Command(connection, transaction, "SELECT COUNT(*) FROM runs" + where, parameters))
        {
            total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var items = new List<RunSummary>();
        parameters.Add(("limit", (long)query.PageSize));
        parameters.Add(("offset", (long)(query.Page - 1) * query.PageSize));
        await using (var select = Command(connection, transaction, $"SELECT {SummaryColumns} FROM runs{where} ORDER BY uploaded_at DESC, id DESC LIMIT @limit OFFSET @offset", parameters))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadSummary(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new RunPage(items, total);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteRunAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ExecuteAsync(connection, null, "DELETE FROM runs WHERE id = @id", [("id", id)], cancellationToken) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ImplementationSummary>> ListImplementationsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            null,
            $"""
            SELECT {SummaryColumns}, runs_of FROM (
                SELECT {SummaryColumns},
                       COUNT(*) OVER (PARTITION BY implementation) AS runs_of,
                       ROW_NUMBER() OVER (PARTITION BY implementation ORDER BY uploaded_at DESC, id DESC) AS newest
                FROM runs) AS ranked
            WHERE newest = 1 ORDER BY implementation
            """,
            []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var implementations = new List<ImplementationSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var latest = ReadSummary(reader);
            implementations.Add(new ImplementationSummary(latest.Implementation, reader.GetInt64(14), latest));
        }

        return implementations;
    }

    /// <inheritdoc />
    public async Task<bool> AddTokenAsync(StoredToken token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        await using var connection = await OpenAsync(cancellationToken);
        try
        {
            await ExecuteAsync(
                connection,
                null,
                "INSERT INTO tokens (name, prefix, sha256, implementation, admin, created_at, revoked_at) VALUES (@name, @prefix, @sha256, @implementation, @admin, @created_at, NULL)",
                [
                    ("name", token.Name), ("prefix", token.Prefix), ("sha256", Convert.ToHexStringLower(token.Hash)), ("implementation", token.Implementation),
                    ("admin", token.Admin ? 1L : 0L), ("created_at", token.CreatedAt.ToUnixTimeMilliseconds()),
                ],
                cancellationToken);
            return true;
        }
        catch (DbException e) when (IsDuplicateKey(e))
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<StoredToken?> FindTokenAsync(string prefix, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT name, prefix, sha256, implementation, admin, created_at, revoked_at FROM tokens WHERE prefix = @prefix", [("prefix", prefix)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredToken
        {
            Name = reader.GetString(0),
            Prefix = reader.GetString(1),
            Hash = Convert.FromHexString(reader.GetString(2)),
            Implementation = reader.IsDBNull(3) ? null : reader.GetString(3),
            Admin = reader.GetInt64(4) != 0,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
            RevokedAt = reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        };
    }

    /// <inheritdoc />
    public async Task<bool> RevokeTokenAsync(string name, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ExecuteAsync(
            connection,
            null,
            "UPDATE tokens SET revoked_at = @at WHERE name = @name AND revoked_at IS NULL",
            [("at", at.ToUnixTimeMilliseconds()), ("name", name)],
            cancellationToken) > 0;
    }

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    private static RunSummary ReadSummary(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Implementation = reader.GetString(1),
        Version = reader.IsDBNull(2) ? null : reader.GetString(2),
        CatalogueVersion = reader.GetString(3),
        CatalogueHash = reader.GetString(4),
        Tool = reader.GetString(5),
        UploadedBy = reader.GetString(6),
        UploadedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        Verdicts = new VerdictCounts(
            (int)reader.GetInt64(8), (int)reader.GetInt64(9), (int)reader.GetInt64(10), (int)reader.GetInt64(11), (int)reader.GetInt64(12), (int)reader.GetInt64(13)),
    };

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is built from constants and column names chosen here; values always go in parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
