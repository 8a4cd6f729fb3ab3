using Npgsql;
using StackExchange.Redis;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>
/// Where the real external services for tests live. <c>scripts/test.sh</c> starts them and exports the
/// environment variables; the defaults match what it starts, so a local `dotnet test` works after one run of it.
/// A test that needs a service which is not reachable fails (never skips) and says how to start it.
/// </summary>
public static class TestServices
{
    public const string PostgresVariable = "MESSAGING_TEST_POSTGRES";
    public const string RedisVariable = "MESSAGING_TEST_REDIS";
    public const string ChromiumVariable = "MESSAGING_TEST_CHROMIUM";

    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=messaging;Password=messaging";
    public const string DefaultRedis = "127.0.0.1:6379";
    public const string DefaultChromium = "/usr/bin/chromium";

    public const string StartHint = "To install and start PostgreSQL, Redis and Chromium on loopback, run scripts/test.sh "
        + "(or point " + PostgresVariable + " / " + RedisVariable + " / " + ChromiumVariable + " at your own).";

    /// <summary>Server connection string without a database; <see cref="PostgresDatabase"/> adds one.</summary>
    public static string PostgresConnectionString => Read(PostgresVariable, DefaultPostgres);

    /// <summary>StackExchange.Redis configuration string.</summary>
    public static string RedisConfiguration => Read(RedisVariable, DefaultRedis);

    public static string ChromiumPath => Read(ChromiumVariable, DefaultChromium);

    /// <summary>Opens a connection to the <c>postgres</c> maintenance database, or fails with a hint.</summary>
    public static async Task<NpgsqlConnection> OpenPostgresMaintenanceConnectionAsync(CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString)
        {
            Database = "postgres",
            Pooling = false,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at {Describe(builder)} ({ex.Message}). {StartHint}", ex);
        }
    }

    /// <summary>Connects to Redis, or fails with a hint.</summary>
    public static async Task<ConnectionMultiplexer> ConnectRedisAsync()
    {
        var options = ConfigurationOptions.Parse(RedisConfiguration);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 5000;
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (RedisConnectionException ex)
        {
            throw new InvalidOperationException(
                $"Redis is not reachable at {RedisConfiguration} ({ex.Message}) {StartHint}", ex);
        }
    }

    /// <summary>The Chromium executable for browser tests, or fails with a hint.</summary>
    public static string RequireChromium()
    {
        var path = ChromiumPath;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Chromium not found at {path}. {StartHint}");
    }

    private static string Read(string variable, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value) ? fallback : value;
    }

    private static string Describe(NpgsqlConnectionStringBuilder builder)
        => $"Host={builder.Host};Port={builder.Port};Username={builder.Username}";
}
