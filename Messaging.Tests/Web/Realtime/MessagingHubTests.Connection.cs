using System.Net;
using System.Text.Json;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Messaging.Tests.Web.Realtime;

/// <summary>Connecting to the hub: who is let in, and what a client gets after (re)connecting.</summary>
public partial class MessagingHubTests
{
    [Fact]
    public async Task Connect_WithoutToken_IsRefused()
    {
        await using var connection = HubClient.Build(app.Host.BaseAddress, accessToken: null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Connect_InvalidToken_IsRefused()
    {
        await using var connection = HubClient.Build(app.Host.BaseAddress, accessToken: "not-a-token");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Connect_TokenInQueryOnly_IsAccepted()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Query");
        var url = new Uri(app.Host.BaseAddress, $"/hubs/messaging?access_token={Uri.EscapeDataString(alice.AccessToken)}");
        await using var connection = new HubConnectionBuilder()
            .WithUrl(url, o => o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets)
            .Build();

        await connection.StartAsync();

        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task Reconnect_After100MissedMessages_CatchUpByAfterSequenceHasEachExactlyOnceInOrder()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Catchup");
        var bob = await Api.CreateVerifiedUserAsync("Bob Catchup");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        var sent = new List<string>();
        var seen = new List<(long Sequence, string Id)>();

        var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        for (var i = 0; i < 3; i++)
        {
            sent.Add((await Api.SendMessageAsync(alice, conversation, $"live {i}"))["id"]!.GetValue<string>());
        }

        await bobClient.WaitForMessageAsync(sent[^1]);
        seen.AddRange(bobClient.Events.Where(e => e.Name == "new_message").Select(e => Sequenced(e.Payload.GetProperty("message"))));
        await bobClient.DisposeAsync();

        for (var i = 0; i < 100; i++)
        {
            sent.Add((await Api.SendMessageAsync(alice, conversation, $"missed {i}", new { client_message_id = $"m-{i}" }))["id"]!.GetValue<string>());
        }

        await using var again = await HubClient.ConnectAsync(app.Host, bob);
        sent.Add((await Api.SendMessageAsync(alice, conversation, "after reconnect"))["id"]!.GetValue<string>());
        var caughtUp = new List<(long Sequence, string Id)>();
        var after = seen.Max(s => s.Sequence);
        while (true)
        {
            var page = (await Api.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages?after_sequence={after}&limit=100", bob))!.AsArray();
            if (page.Count == 0)
            {
                break;
            }

            caughtUp.AddRange(page.Select(m => (m!["sequence"]!.GetValue<long>(), m["id"]!.GetValue<string>())));
            after = caughtUp[^1].Sequence;
        }

        await again.WaitForMessageAsync(sent[^1]);
        var live = again.Events.Where(e => e.Name == "new_message").Select(e => Sequenced(e.Payload.GetProperty("message")));
        // A client merges live events and catch-up pages by id; the union must be every message once, in sequence order.
        var merged = seen.Concat(caughtUp).Concat(live).DistinctBy(m => m.Id).OrderBy(m => m.Sequence).ToList();

        Assert.Equal(caughtUp.Count, caughtUp.DistinctBy(m => m.Id).Count());
        Assert.Equal(caughtUp.OrderBy(m => m.Sequence), caughtUp);
        Assert.Equal(sent, merged.Select(m => m.Id));
        Assert.Equal(Enumerable.Range(1, sent.Count).Select(i => (long)i), merged.Select(m => m.Sequence));
        Assert.Equal(101, caughtUp.Count);
    }

    [Fact]
    public async Task Ready_MessageSentRightAfterStart_IsLiveOrInCatchUpAndLaterMessagesAreLive()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Ready");
        var bob = await Api.CreateVerifiedUserAsync("Bob Ready");
        var conversation = await Api.CreateDirectAsync(alice, bob);

        // start() returns at the handshake, possibly before the server subscribed the connection: the window of issue 16.
        await using var bobClient = await HubClient.StartAsync(app.Host, bob);
        var inWindow = (await Api.SendMessageAsync(alice, conversation, "in the window"))["id"]!.GetValue<string>();
        var ready = await bobClient.WaitForAsync("ready");
        var afterReady = (await Api.SendMessageAsync(alice, conversation, "after ready"))["id"]!.GetValue<string>();

        // The contract: after `ready`, catch up by after_sequence; live events and the page merge by id.
        var page = (await Api.GetAsync($"/api/v1/messaging/conversations/{conversation}/messages?after_sequence=0&limit=100", bob))!.AsArray();
        await bobClient.WaitForMessageAsync(afterReady);
        var live = bobClient.Events.Where(e => e.Name == "new_message").Select(e => e.Payload.GetProperty("message").Str("id"));
        var merged = page.Select(m => m!["id"]!.GetValue<string>()).Concat(live).Distinct().ToList();

        Assert.Equal("ready", bobClient.Events[0].Name);
        Assert.Equal(JsonValueKind.String, ready.GetProperty("server_time").ValueKind);
        Assert.EndsWith("Z", ready.Str("server_time"), StringComparison.Ordinal);
        Assert.Contains(inWindow, merged);
        Assert.Contains(afterReady, merged);
        Assert.Equal(1, bobClient.Count("new_message", p => p.GetProperty("message").Str("id") == afterReady));
    }
}
