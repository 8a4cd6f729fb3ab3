using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Messaging.Tests.Web.RateLimiting;

/// <summary>Hub method calls and connections, limited per user, over a real SignalR connection.</summary>
public sealed class HubLimitsTests(HubLimitsFixture app) : IClassFixture<HubLimitsFixture>
{
    [Fact]
    public async Task InvokeMethod_PastTheHubBudget_IsRefusedWithLocalizedError()
    {
        var alice = await app.Api.CreateVerifiedUserAsync("Alice Caller");
        var bob = await app.Api.CreateVerifiedUserAsync("Bob Callee");
        var conversation = Guid.Parse(await app.Api.CreateDirectAsync(alice, bob));
        await using var hub = await HubClient.ConnectAsync(app.Host, alice, "en");

        for (var i = 0; i < 20; i++)
        {
            await hub.InvokeAsync("TypingStop", conversation);
        }

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("TypingStop", conversation));
        Assert.Contains("Too many attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypingStartStopAlternation_WithinTheThrottle_ForwardsOneStart()
    {
        var alice = await app.Api.CreateVerifiedUserAsync("Alice Typist");
        var bob = await app.Api.CreateVerifiedUserAsync("Bob Watcher");
        var conversation = Guid.Parse(await app.Api.CreateDirectAsync(alice, bob));
        await app.Api.AcceptAsync(bob, conversation.ToString());
        await using var aliceHub = await HubClient.ConnectAsync(app.Host, alice);
        await using var bobHub = await HubClient.ConnectAsync(app.Host, bob);

        for (var i = 0; i < 5; i++)
        {
            await aliceHub.InvokeAsync("TypingStart", conversation);
            await aliceHub.InvokeAsync("TypingStop", conversation);
        }

        // A marker after the burst: once it arrives, every earlier typing event has arrived too (one ordered queue).
        var marker = await app.Api.SendMessageAsync(alice, conversation.ToString(), "marker");
        await bobHub.WaitForMessageAsync(marker["id"]!.GetValue<string>());
        Assert.Equal(1, bobHub.Count("typing_start"));
        Assert.Equal(1, bobHub.Count("typing_stop"));
    }

    [Fact]
    public async Task Connect_PastTheConnectionsPerUserCap_IsRefused_AndAClosedOneFreesItsPlace()
    {
        var alice = await app.Api.CreateVerifiedUserAsync("Alice Tabs");
        var bob = await app.Api.CreateVerifiedUserAsync("Bob Tabs");
        var conversation = Guid.Parse(await app.Api.CreateDirectAsync(alice, bob));
        await using var first = await HubClient.ConnectAsync(app.Host, alice);
        // Closed below on purpose; the using only covers a failure before that (closing twice is harmless).
        await using var second = await HubClient.ConnectAsync(app.Host, alice);

        await using var third = HubClient.Build(app.Host.BaseAddress, alice.AccessToken);
        Assert.False(await AcceptedAsync(third, conversation));

        await second.DisposeAsync();
        // The server counts the second connection closed once it has handled its disconnect.
        await Eventually.UntilAsync("the closed connection to free its place", async () =>
        {
            await using var again = HubClient.Build(app.Host.BaseAddress, alice.AccessToken);
            return await AcceptedAsync(again, conversation);
        }, HubClient.Patience);
    }

    [Fact]
    public async Task Invoke_MessageLargerThanTheHubMaximum_ClosesThatConnectionOnly()
    {
        var alice = await app.Api.CreateVerifiedUserAsync("Alice Oversized");
        var bob = await app.Api.CreateVerifiedUserAsync("Bob Oversized Peer");
        var conversation = Guid.Parse(await app.Api.CreateDirectAsync(alice, bob));
        await using var hub = await HubClient.ConnectAsync(app.Host, alice);
        var closed = AccessAssertions.WatchClosed(hub.Connection);

        // 40 KB in one frame, past the 32 KB Messaging:Hub:MaximumReceiveMessageSize: the server drops the connection
        // instead of buffering whatever a client sends.
        var oversized = hub.Connection.InvokeCoreAsync("TypingStop", typeof(object), [conversation, new string('x', 40 * 1024)], CancellationToken.None);

        await closed.WaitAsync(HubClient.Patience);
        await Assert.ThrowsAnyAsync<Exception>(() => oversized);
        // A normal-sized call on a new connection is served as before.
        await using var again = await HubClient.ConnectAsync(app.Host, alice);
        await again.InvokeAsync("TypingStop", conversation);
    }

    /// <summary>
    /// A refused connection is closed by the server right after the handshake, before it reads any call; an accepted
    /// one answers a call.
    /// </summary>
    private static async Task<bool> AcceptedAsync(Microsoft.AspNetCore.SignalR.Client.HubConnection connection, Guid conversation)
    {
        try
        {
            await connection.StartAsync();
            await connection.InvokeCoreAsync("TypingStop", typeof(object), [conversation], CancellationToken.None);
            return true;
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or IOException or HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}

public sealed class HubLimitsFixture : RealtimeFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messaging:RateLimits:Hub:PermitLimit"] = "20",
        ["Messaging:Hub:MaxConnectionsPerUser"] = "2",
    };
}
