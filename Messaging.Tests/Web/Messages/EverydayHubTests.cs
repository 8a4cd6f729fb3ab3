using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Messages;

/// <summary>Everyday actions reach the other participant live, as <c>message_updated</c>.</summary>
public sealed class EverydayHubTests(RealtimeFixture app) : IClassFixture<RealtimeFixture>
{
    private ApiClient Api => app.Api;

    [Fact]
    public async Task Reaction_AddedAndRemoved_OtherParticipantHearsMessageUpdatedWithCounts()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice React");
        var bob = await Api.CreateVerifiedUserAsync("Bob React");
        var carol = await Api.CreateVerifiedUserAsync("Carol React");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        await using var carolClient = await HubClient.ConnectAsync(app.Host, carol);
        var id = (await Api.SendMessageAsync(alice, conversation, "ship it?"))["id"]!.GetValue<string>();
        var path = $"/api/v1/messaging/conversations/{conversation}/messages/{id}/reactions/{Uri.EscapeDataString("✅")}";

        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, path, alice);
        var added = await bobClient.WaitForAsync("message_updated", p =>
            p.GetProperty("message").Str("id") == id && p.GetProperty("message").GetProperty("reactions").GetArrayLength() == 1);
        var reaction = added.GetProperty("message").GetProperty("reactions")[0];
        Assert.Equal("✅", reaction.Str("emoji"));
        Assert.Equal(1, reaction.GetProperty("count").GetInt32());
        Assert.Equal(alice.Id.ToString(), reaction.GetProperty("user_ids")[0].GetString());

        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, path, alice);
        await bobClient.WaitForAsync("message_updated", p =>
            p.GetProperty("message").Str("id") == id && p.GetProperty("message").GetProperty("reactions").GetArrayLength() == 0);
        Assert.DoesNotContain(carolClient.Events, e => e.Name == "message_updated");
    }

    [Fact]
    public async Task MarkUnread_EveryConnectionOfTheCaller_HearsConversationUpdatedWithTheUnreadCount()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Unread");
        var bob = await Api.CreateVerifiedUserAsync("Bob Unread");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        var first = (await Api.SendMessageAsync(alice, conversation, "first"))["id"]!.GetValue<string>();
        var last = (await Api.SendMessageAsync(alice, conversation, "last"))["id"]!.GetValue<string>();
        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/messages/{last}/read", bob);
        await using var bobLaptop = await HubClient.ConnectAsync(app.Host, bob);
        await using var bobPhone = await HubClient.ConnectAsync(app.Host, bob);

        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/messages/{first}/unread", bob);

        foreach (var device in new[] { bobLaptop, bobPhone })
        {
            await device.WaitForAsync("conversation_updated", p =>
                p.GetProperty("conversation").Str("id") == conversation && p.GetProperty("conversation").GetProperty("unread_count").GetInt32() == 2);
        }
    }
}
