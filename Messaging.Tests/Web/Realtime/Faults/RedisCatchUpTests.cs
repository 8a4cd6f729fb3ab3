using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime.Faults;

/// <summary>
/// Found by the faults checker (docs/reliability.md): a message sent on one node while its Redis link is down never
/// reaches the live connections of another node; if its conversation then goes quiet, no later message reveals the gap
/// and those clients never see it. Now the node whose link comes back announces a catch-up, and every connection on
/// every node gets a second <c>ready</c> (on which a client catches up by sequence).
/// </summary>
public sealed class RedisCatchUpTests : IAsyncLifetime
{
    private readonly TcpProxy proxy = RedisLink.Proxy();
    private PostgresDatabase? database;
    private string? dataDirectory;
    private MessagingHost? nodeA;
    private MessagingHost? nodeB;

    public async Task InitializeAsync()
    {
        proxy.Start();
        database = await PostgresDatabase.CreateAsync();
        dataDirectory = Directory.CreateTempSubdirectory("messaging-catchup-").FullName;
        var settings = new Dictionary<string, string?> { ["Messaging:Realtime:ChannelPrefix"] = $"test-{Guid.NewGuid():N}" };
        // Node A reaches Redis through the proxy (cut below); node B directly. The shared Redis itself stays up.
        nodeA = MessagingHost.Start(DatabaseProvider.Postgres, database.ConnectionString, dataDirectory, $"127.0.0.1:{proxy.Port},connectTimeout=1000", settings);
        nodeB = MessagingHost.Start(DatabaseProvider.Postgres, database.ConnectionString, dataDirectory, TestServices.RedisConfiguration, settings);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { nodeA, nodeB })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        await proxy.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        Directory.Delete(dataDirectory!, recursive: true);
    }

    [Fact]
    public async Task RedisBackOnOneNode_ConnectionsOnTheOtherNode_GetReadyAgainAndCatchUpTheMissedMessage()
    {
        using var apiA = nodeA!.CreateApi();
        using var apiB = nodeB!.CreateApi();
        var alice = await apiA.CreateVerifiedUserAsync("Alice Catch-up");
        var bob = await apiA.CreateVerifiedUserAsync("Bob Catch-up");
        var conversation = await apiA.CreateDirectAsync(alice, bob);
        await apiA.AcceptAsync(bob, conversation);
        await using var bobOnB = await HubClient.ConnectAsync(nodeB, bob);
        await using var aliceOnA = await HubClient.ConnectAsync(nodeA, alice);
        await RedisLink.WaitForHealthAsync(apiA, "Healthy");

        proxy.Stop();
        await RedisLink.WaitForHealthAsync(apiA, "Degraded");
        var missed = (await apiA.SendMessageAsync(alice, conversation, "sent while node A was cut off"))["id"]!.GetValue<string>();
        proxy.Start();
        await RedisLink.WaitForHealthAsync(apiA, "Healthy");

        // The same connections (no reconnect), each told once more to catch up.
        await bobOnB.WaitUntilAsync("a second ready", events => events.Count(e => e.Name == "ready") >= 2);
        await aliceOnA.WaitUntilAsync("a second ready", events => events.Count(e => e.Name == "ready") >= 2);
        Assert.Equal(0, bobOnB.Count("new_message", p => p.GetProperty("message").Str("id") == missed));
        var caughtUp = await apiB.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages?after_sequence=0", bob);
        Assert.Contains(caughtUp!.AsArray(), m => m!["id"]!.GetValue<string>() == missed);
    }
}
