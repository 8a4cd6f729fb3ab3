using Messaging.Core.Persistence;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>One host on a fresh database per test class. Subclassed per provider so one test class runs on both.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    private IAsyncDisposable? database;
    private string? dataDirectory;

    public MessagingHost Host { get; private set; } = null!;

    public abstract DatabaseProvider Provider { get; }

    public string ConnectionString { get; private set; } = "";

    /// <summary>The node's data directory (SQLite file, key ring, attachments).</summary>
    public string DataDirectory => dataDirectory!;

    /// <summary>Extra configuration for the host, for fixtures that need other settings.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Extra services for the host (after the app's own), for fixtures that need them.</summary>
    protected virtual Action<IServiceCollection>? Services => null;

    public virtual async Task InitializeAsync()
    {
        dataDirectory = Directory.CreateTempSubdirectory("messaging-test-").FullName;
        if (Provider == DatabaseProvider.Postgres)
        {
            var postgres = await PostgresDatabase.CreateAsync();
            database = postgres;
            ConnectionString = postgres.ConnectionString;
        }
        else
        {
            var sqlite = await SqliteDatabase.CreateAsync();
            database = sqlite;
            ConnectionString = sqlite.ConnectionString;
        }

        Host = MessagingHost.Start(Provider, ConnectionString, dataDirectory, extra: Settings, services: Services);
    }

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}

public sealed class SqliteAppFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresAppFixture : AppFixture
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
