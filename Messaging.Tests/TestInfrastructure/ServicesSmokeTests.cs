using Npgsql;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>Proves the real services started by scripts/test.sh are usable from tests.</summary>
public sealed class ServicesSmokeTests
{
    [Fact]
    public async Task PostgresDatabase_CreateQueryDispose_AnswersSelectOneAndDropsDatabase()
    {
        string name;
        await using (var database = await PostgresDatabase.CreateAsync())
        {
            name = database.Name;
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var select = new NpgsqlCommand("select 1", connection);

            var result = await select.ExecuteScalarAsync();

            Assert.Equal(1, Assert.IsType<int>(result));
        }

        await using var maintenance = await TestServices.OpenPostgresMaintenanceConnectionAsync();
        await using var exists = new NpgsqlCommand("select count(*) from pg_database where datname = @name", maintenance);
        exists.Parameters.AddWithValue("name", name);
        Assert.Equal(0L, await exists.ExecuteScalarAsync());
    }

    [Fact]
    public async Task RedisPing_LocalServer_ReturnsNonNegativeLatency()
    {
        await using var redis = await TestServices.ConnectRedisAsync();

        var latency = await redis.GetDatabase().PingAsync();

        Assert.True(latency >= TimeSpan.Zero, $"Redis PING latency was {latency}.");
    }
}
