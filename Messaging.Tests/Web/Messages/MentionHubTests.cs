using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Messages;

/// <summary>Mentions reach the other participants live: on the message, and as a notification for the one mentioned.</summary>
public sealed class MentionHubTests(RealtimeFixture app) : IClassFixture<RealtimeFixture>
{
    private ApiClient Api => app.Api;

    [Fact]
    public async Task Mention_OtherParticipantsSeeMentionsLive_TheMentionedGetsANotificationEvent()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Mention");
        var bob = await Api.CreateVerifiedUserAsync("Bob Mention");
        var carol = await Api.CreateVerifiedUserAsync("Carol Mention");
        var group = await Api.CreateGroupAsync(alice, "Mentions", bob, carol);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        await using var carolClient = await HubClient.ConnectAsync(app.Host, carol);

        var id = (await Api.SendMessageAsync(alice, group, "@Bob Mention over to you", new { mentions = new[] { bob.Id } }))["id"]!.GetValue<string>();

        foreach (var client in new[] { bobClient, carolClient })
        {
            var live = await client.WaitForAsync("new_message", p => p.GetProperty("message").Str("id") == id);
            var mentions = live.GetProperty("message").GetProperty("mentions");
            Assert.Equal(1, mentions.GetArrayLength());
            Assert.Equal(bob.Id.ToString(), mentions[0].GetString());
        }

        var notification = (await bobClient.WaitForAsync("notification", p => p.GetProperty("notification").Str("type") == "mention")).GetProperty("notification");
        Assert.Equal(id, notification.Str("message_id"));
        Assert.Equal(alice.Id.ToString(), notification.Str("actor_id"));
        Assert.DoesNotContain(carolClient.Events, e => e.Name == "notification" && e.Payload.GetProperty("notification").Str("type") == "mention");
    }
}
