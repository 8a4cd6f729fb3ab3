using Npgsql;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// A fresh, uniquely named PostgreSQL database on the test server (see <see cref="TestServices"/>),
/// dropped on dispose. Typical use: one per test class through a class fixture.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private bool _disposed;

    private PostgresDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database name, <c>msg_test_&lt;guid&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>Connection string for the new database.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync(CancellationToken cancellationToken = default)
    {
        var name = $"msg_test_{Guid.NewGuid():N}";
        await using (var maintenance = await TestServices.OpenPostgresMaintenanceConnectionAsync(cancellationToken))
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", maintenance))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var builder = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString)
        {
            Database = name,
            IncludeErrorDetail = true,
        };
        return new PostgresDatabase(name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var maintenance = await TestServices.OpenPostgresMaintenanceConnectionAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", maintenance);
        await drop.ExecuteNonQueryAsync();
    }
}
