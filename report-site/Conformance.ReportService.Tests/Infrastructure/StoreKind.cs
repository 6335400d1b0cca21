using Conformance.ReportService.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Conformance.ReportService.Tests.Infrastructure;

/// <summary>The two stores every storage-facing fixture runs against.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh, empty store for one fixture: SQLite in a temporary folder, or a new schema in the PostgreSQL that
/// CONFORMANCE_TEST_POSTGRES names (.ci/postgres starts one); PostgreSQL fixtures are ignored without it.
/// </summary>
internal sealed class TestStore : IAsyncDisposable
{
    public const string PostgresVariable = "CONFORMANCE_TEST_POSTGRES";

    private TestStore(StoreKind kind, string dataDirectory, string? postgres)
    {
        Kind = kind;
        DataDirectory = dataDirectory;
        Postgres = postgres;
    }

    public StoreKind Kind { get; }

    /// <summary>The --data folder (SQLite's home; empty for PostgreSQL).</summary>
    public string DataDirectory { get; }

    /// <summary>The connection string with this fixture's schema as search path, or null for SQLite.</summary>
    public string? Postgres { get; }

    public static async Task<TestStore> CreateAsync(StoreKind kind)
    {
        var data = Directory.CreateTempSubdirectory("reports-").FullName;
        if (kind == StoreKind.Sqlite)
        {
            return new TestStore(kind, data, null);
        }

        var server = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrEmpty(server))
        {
            Directory.Delete(data);
            Assert.Ignore($"{PostgresVariable} is not set (.ci/postgres starts a private PostgreSQL and prints it)");
        }

        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestStore(kind, data, new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString);
    }

    public Task<IReportStore> OpenAsync() => ReportStores.OpenAsync(DataDirectory, Postgres);

    /// <summary>Counts rows straight from the database, not through the service.</summary>
    public async Task<long> CountAsync(string sql)
    {
        if (Postgres is not null)
        {
            await using var connection = new NpgsqlConnection(Postgres);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, SqliteReportStore.FileName)};Mode=ReadOnly;Pooling=False");
        await sqlite.OpenAsync();
        await using var query = sqlite.CreateCommand();
        query.CommandText = sql;
        return Convert.ToInt64(await query.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (Postgres is not null)
        {
            var schema = new NpgsqlConnectionStringBuilder(Postgres).SearchPath!;
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(PostgresVariable));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }
}
