using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime;

/// <summary>A node whose Redis goes away keeps serving its own users, reports Degraded, and recovers by itself.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly TcpProxy proxy = RedisLink.Proxy();
    private SqliteDatabase? database;
    private MessagingHost? host;

    public async Task InitializeAsync()
    {
        proxy.Start();
        database = await SqliteDatabase.CreateAsync();
        host = MessagingHost.Start(DatabaseProvider.Sqlite, database.ConnectionString, database.DataDirectory, $"127.0.0.1:{proxy.Port},connectTimeout=1000", new Dictionary<string, string?>
        {
            ["Messaging:Realtime:ChannelPrefix"] = $"test-{Guid.NewGuid():N}",
        });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        await proxy.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task RedisDown_LocalUsers_StillGetEventsHealthDegradedThenRecovers()
    {
        using var api = host!.CreateApi();
        var alice = await api.CreateVerifiedUserAsync("Alice Outage");
        var bob = await api.CreateVerifiedUserAsync("Bob Outage");
        var conversation = await api.CreateDirectAsync(alice, bob);
        await api.AcceptAsync(bob, conversation);
        await using var bobClient = await HubClient.ConnectAsync(host, bob);
        await RedisLink.WaitForHealthAsync(api, "Healthy");

        proxy.Stop();
        await RedisLink.WaitForHealthAsync(api, "Degraded");
        var during = (await api.SendMessageAsync(alice, conversation, "during the outage"))["id"]!.GetValue<string>();
        await bobClient.WaitForMessageAsync(during);
        await using var aliceClient = await HubClient.ConnectAsync(host, alice);
        await aliceClient.InvokeAsync("TypingStart", Guid.Parse(conversation));
        await bobClient.WaitForAsync("typing_start");

        proxy.Start();
        await RedisLink.WaitForHealthAsync(api, "Healthy");
        var after = (await api.SendMessageAsync(alice, conversation, "after the outage"))["id"]!.GetValue<string>();
        await bobClient.WaitForMessageAsync(after);
        await aliceClient.WaitForMessageAsync(after);

        Assert.Equal(1, bobClient.Count("new_message", p => p.GetProperty("message").Str("id") == during));
    }
}
