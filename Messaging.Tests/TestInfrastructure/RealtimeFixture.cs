using Messaging.Core.Persistence;

namespace Messaging.Tests.TestInfrastructure;

/// <summary>One node on a fresh SQLite database with short presence timings, for the hub tests.</summary>
public class RealtimeFixture : IAsyncLifetime
{
    private SqliteDatabase? database;

    public MessagingHost Host { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messaging:Presence:OfflineGrace"] = "00:00:01",
    };

    public async Task InitializeAsync()
    {
        database = await SqliteDatabase.CreateAsync();
        Host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory, extra: Settings);
        Api = Host.CreateApi();
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}

/// <summary>Presence timings short enough to watch a user go away and come back.</summary>
public sealed class PresenceFixture : RealtimeFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messaging:Presence:OfflineGrace"] = "00:00:01",
        ["Messaging:Presence:AwayAfter"] = "00:00:02",
        ["Messaging:Presence:Heartbeat"] = "00:00:00.250",
    };
}
