using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime;

/// <summary>
/// Two nodes of one installation: one PostgreSQL database, one Redis, one key ring. A channel prefix of their own keeps
/// their events and presence apart from every other test class using the same Redis.
/// </summary>
public sealed class MultiNodeFixture : IAsyncLifetime
{
    private PostgresDatabase? database;
    private string? dataDirectory;

    public MessagingHost NodeA { get; private set; } = null!;

    public MessagingHost NodeB { get; private set; } = null!;

    public ApiClient ApiA { get; private set; } = null!;

    public ApiClient ApiB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync();
        dataDirectory = Directory.CreateTempSubdirectory("messaging-nodes-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Messaging:Realtime:ChannelPrefix"] = $"test-{Guid.NewGuid():N}",
            ["Messaging:Presence:OfflineGrace"] = "00:00:01",
            // On, to prove that events still arrive once when the backplane is present.
            ["Messaging:Realtime:SignalRBackplane"] = "true",
        };
        // One after the other: the first migrates the database.
        NodeA = MessagingHost.Start(DatabaseProvider.Postgres, database.ConnectionString, dataDirectory, TestServices.RedisConfiguration, settings);
        NodeB = MessagingHost.Start(DatabaseProvider.Postgres, database.ConnectionString, dataDirectory, TestServices.RedisConfiguration, settings);
        ApiA = NodeA.CreateApi();
        ApiB = NodeB.CreateApi();
    }

    public async Task DisposeAsync()
    {
        ApiA.Dispose();
        ApiB.Dispose();
        await NodeA.DisposeAsync();
        await NodeB.DisposeAsync();
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
            // Best effort.
        }
    }
}
