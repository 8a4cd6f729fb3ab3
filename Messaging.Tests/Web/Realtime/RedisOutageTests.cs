using System.Net;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime;

/// <summary>A node whose Redis goes away keeps serving its own users, reports Degraded, and recovers by itself.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly TcpProxy proxy = new(new IPEndPoint(IPAddress.Loopback, RedisPort()));
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
        await WaitForHealthAsync(api, "Healthy");

        proxy.Stop();
        await WaitForHealthAsync(api, "Degraded");
        var during = (await api.SendMessageAsync(alice, conversation, "during the outage"))["id"]!.GetValue<string>();
        await bobClient.WaitForMessageAsync(during);
        await using var aliceClient = await HubClient.ConnectAsync(host, alice);
        await aliceClient.InvokeAsync("TypingStart", Guid.Parse(conversation));
        await bobClient.WaitForAsync("typing_start");

        proxy.Start();
        await WaitForHealthAsync(api, "Healthy");
        var after = (await api.SendMessageAsync(alice, conversation, "after the outage"))["id"]!.GetValue<string>();
        await bobClient.WaitForMessageAsync(after);
        await aliceClient.WaitForMessageAsync(after);

        Assert.Equal(1, bobClient.Count("new_message", p => p.GetProperty("message").Str("id") == during));
    }

    private static int RedisPort()
    {
        var parts = TestServices.RedisConfiguration.Split(',')[0].Split(':');
        return parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 6379;
    }

    private static async Task WaitForHealthAsync(ApiClient api, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string body;
        do
        {
            using var response = await api.Http.GetAsync("/health/ready");
            body = await response.Content.ReadAsStringAsync();
            if (body == expected)
            {
                return;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"/health/ready stayed {body}, expected {expected}.");
    }
}
