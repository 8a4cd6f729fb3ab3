using System.Text.Json;
using Messaging.Core.Presence;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime;

public sealed class PresenceTests(PresenceFixture app) : IClassFixture<PresenceFixture>
{
    private ApiClient Api => app.Api;

    private static Func<JsonElement, bool> StatusOf(TestUser user, string status) =>
        p => p.Str("user_id") == user.Id.ToString() && p.Str("status") == status;

    [Fact]
    public async Task Connect_UserWithSharedConversation_ContactsHearOnlineStrangersDoNot()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Presence");
        var bob = await Api.CreateVerifiedUserAsync("Bob Presence");
        var stranger = await Api.CreateVerifiedUserAsync("Stranger Presence");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await Api.AcceptAsync(bob, conversation);
        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        await using var strangerClient = await HubClient.ConnectAsync(app.Host, stranger);

        await using (var bobClient = await HubClient.ConnectAsync(app.Host, bob))
        {
            var online = await aliceClient.WaitForAsync("presence_changed", StatusOf(bob, "online"));
            Assert.Equal(JsonValueKind.Null, online.GetProperty("last_seen_at").ValueKind);
            Assert.Equal(PresenceStatus.Online, app.Host.Services.GetRequiredService<IPresenceReader>().GetStatus(bob.Id));
            var view = await Api.GetAsync($"/api/v1/messaging/conversations/{conversation}", alice);
            Assert.Contains(view!["participant_details"]!.AsArray(), p => p!["user_id"]!.GetValue<string>() == bob.Id.ToString() && p["is_online"]!.GetValue<bool>());
        }

        var offline = await aliceClient.WaitForAsync("presence_changed", StatusOf(bob, "offline"));
        Assert.EndsWith("Z", offline.Str("last_seen_at"), StringComparison.Ordinal);
        // The chat header reads "last seen" from the reader too, not only from the event.
        var snapshot = app.Host.Services.GetRequiredService<IPresenceReader>().GetSnapshot(bob.Id);
        Assert.Equal(PresenceStatus.Offline, snapshot.Status);
        Assert.NotNull(snapshot.LastSeenAt);
        Assert.Equal(0, strangerClient.Count("presence_changed", p => p.Str("user_id") == bob.Id.ToString()));
    }

    [Fact]
    public async Task Reconnect_WithinGrace_NoOfflineIsAnnounced()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Grace");
        var bob = await Api.CreateVerifiedUserAsync("Bob Grace");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await Api.AcceptAsync(bob, conversation);
        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        var bobFirst = await HubClient.ConnectAsync(app.Host, bob);
        await aliceClient.WaitForAsync("presence_changed", StatusOf(bob, "online"));

        // A page reload: the new connection opens right after the old one closed, well within the 1 s grace.
        await using var bobSecond = await HubClient.ConnectAsync(app.Host, bob);
        await bobFirst.DisposeAsync();
        // Not a wait for a condition: an "offline" must NOT come, so give the 1 s grace time to run out first.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var barrier = (await Api.SendMessageAsync(bob, conversation, "still here"))["id"]!.GetValue<string>();
        await aliceClient.WaitForMessageAsync(barrier);

        Assert.Equal(0, aliceClient.Count("presence_changed", StatusOf(bob, "offline")));
        Assert.Equal(1, aliceClient.Count("presence_changed", StatusOf(bob, "online")));
    }

    [Fact]
    public async Task NoActivity_ForAwayAfter_AnnouncesAwayThenActivityAnnouncesOnline()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Away");
        var bob = await Api.CreateVerifiedUserAsync("Bob Away");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await Api.AcceptAsync(bob, conversation);
        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        await aliceClient.WaitForAsync("presence_changed", StatusOf(bob, "online"));

        var away = await aliceClient.WaitForAsync("presence_changed", StatusOf(bob, "away"));
        await bobClient.InvokeAsync("TypingStart", Guid.Parse(conversation));

        await aliceClient.WaitForAsync("typing_start");
        await aliceClient.WaitUntilAsync("online again after away", events => events
            .SkipWhile(e => !(e.Name == "presence_changed" && StatusOf(bob, "away")(e.Payload)))
            .Any(e => e.Name == "presence_changed" && StatusOf(bob, "online")(e.Payload)));

        Assert.EndsWith("Z", away.Str("last_seen_at"), StringComparison.Ordinal);
    }
}
