using System.Net;
using System.Text.Json;
using Messaging.Tests.TestInfrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Messaging.Tests.Web.Realtime;

public sealed partial class MessagingHubTests(RealtimeFixture app) : IClassFixture<RealtimeFixture>
{
    private ApiClient Api => app.Api;

    [Fact]
    public async Task SendMessage_EveryConnectionOfEveryParticipant_ReceivesNewMessageOnce()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice");
        var bob = await Api.CreateVerifiedUserAsync("Bob");
        var carol = await Api.CreateVerifiedUserAsync("Carol");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await using var aliceTab1 = await HubClient.ConnectAsync(app.Host, alice);
        await using var aliceTab2 = await HubClient.ConnectAsync(app.Host, alice);
        await using var bobPhone = await HubClient.ConnectAsync(app.Host, bob);
        await using var carolTab = await HubClient.ConnectAsync(app.Host, carol);

        var sent = await Api.SendMessageAsync(alice, conversation, "hello", new { client_message_id = "c-1" });
        var id = sent["id"]!.GetValue<string>();
        var received = await bobPhone.WaitForMessageAsync(id);
        await aliceTab1.WaitForMessageAsync(id);
        await aliceTab2.WaitForMessageAsync(id);
        // A second message as a barrier: once it has arrived, any duplicate of the first would have too.
        var barrier = (await Api.SendMessageAsync(bob, conversation, "barrier"))["id"]!.GetValue<string>();
        foreach (var client in new[] { aliceTab1, aliceTab2, bobPhone })
        {
            await client.WaitForMessageAsync(barrier);
            Assert.Equal(1, client.Count("new_message", p => p.GetProperty("message").Str("id") == id));
        }

        Assert.Equal(conversation, received.Str("conversation_id"));
        Assert.Equal("hello", received.GetProperty("message").Str("content"));
        Assert.Equal("c-1", received.GetProperty("message").Str("client_message_id"));
        Assert.Equal(1, received.GetProperty("message").GetProperty("sequence").GetInt64());
        Assert.DoesNotContain(carolTab.Events, e => e.Name == "new_message");
    }

    [Fact]
    public async Task EditAndDelete_Participants_ReceiveUpdatedAndDeleted()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Edit");
        var bob = await Api.CreateVerifiedUserAsync("Bob Edit");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        var id = (await Api.SendMessageAsync(alice, conversation, "first"))["id"]!.GetValue<string>();

        await Api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/v1/messaging/conversations/{conversation}/messages/{id}", alice, new { content = "edited" });
        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/messaging/conversations/{conversation}/messages/{id}", alice);

        var updated = await bobClient.WaitForMessageAsync(id, "message_updated");
        var deleted = await bobClient.WaitForMessageAsync(id, "message_deleted");
        Assert.Equal("edited", updated.GetProperty("message").Str("content"));
        Assert.True(updated.GetProperty("message").GetProperty("is_edited").GetBoolean());
        Assert.True(deleted.GetProperty("message").GetProperty("is_deleted").GetBoolean());
    }

    [Fact]
    public async Task TypingStartStop_Participant_OthersHearItTypistDoesNot()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Typing");
        var bob = await Api.CreateVerifiedUserAsync("Bob Typing");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await Api.AcceptAsync(bob, conversation);
        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        await using var aliceOtherTab = await HubClient.ConnectAsync(app.Host, alice);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);

        await aliceClient.InvokeAsync("TypingStart", Guid.Parse(conversation));
        var start = await bobClient.WaitForAsync("typing_start");
        await aliceClient.InvokeAsync("TypingStop", Guid.Parse(conversation));
        var stop = await bobClient.WaitForAsync("typing_stop");
        var barrier = (await Api.SendMessageAsync(bob, conversation, "barrier"))["id"]!.GetValue<string>();
        await aliceOtherTab.WaitForMessageAsync(barrier);
        await aliceClient.WaitForMessageAsync(barrier);

        Assert.Equal(conversation, start.Str("conversation_id"));
        Assert.Equal(alice.Id.ToString(), start.Str("user_id"));
        Assert.Equal("Alice Typing", start.Str("user_name"));
        Assert.Equal(alice.Id.ToString(), stop.Str("user_id"));
        Assert.Equal(0, aliceClient.Count("typing_start") + aliceClient.Count("typing_stop"));
        Assert.Equal(0, aliceOtherTab.Count("typing_start") + aliceOtherTab.Count("typing_stop"));
    }

    [Fact]
    public async Task TypingStart_NoStop_ExpiresWithTypingStop()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Expiry");
        var bob = await Api.CreateVerifiedUserAsync("Bob Expiry");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await Api.AcceptAsync(bob, conversation);
        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);

        await aliceClient.InvokeAsync("TypingStart", Guid.Parse(conversation));
        await bobClient.WaitForAsync("typing_start");

        // Expiry is 6 s (real time); the client waits up to its patience for the stop it never asked for.
        var stop = await bobClient.WaitForAsync("typing_stop");
        Assert.Equal(alice.Id.ToString(), stop.Str("user_id"));
    }

    [Theory]
    [InlineData("TypingStart", "en", "does not exist, or you cannot see it")]
    [InlineData("MarkRead", "ar", null)]
    public async Task HubMethod_NotParticipant_ThrowsLocalizedHubExceptionAndNobodyHears(string method, string language, string? expectedEnglish)
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Private");
        var bob = await Api.CreateVerifiedUserAsync("Bob Private");
        var mallory = await Api.CreateVerifiedUserAsync("Mallory");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        var messageId = (await Api.SendMessageAsync(alice, conversation, "secret"))["id"]!.GetValue<string>();
        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        await using var malloryClient = await HubClient.ConnectAsync(app.Host, mallory, language);
        object[] args = method == "TypingStart" ? [Guid.Parse(conversation)] : [Guid.Parse(conversation), Guid.Parse(messageId)];

        var refused = await Assert.ThrowsAsync<HubException>(() => malloryClient.InvokeAsync(method, args));
        var unknown = await Assert.ThrowsAsync<HubException>(() => malloryClient.InvokeAsync(method, method == "TypingStart" ? [Guid.NewGuid()] : [Guid.NewGuid(), Guid.NewGuid()]));

        var barrier = (await Api.SendMessageAsync(bob, conversation, "barrier"))["id"]!.GetValue<string>();
        await aliceClient.WaitForMessageAsync(barrier);
        await bobClient.WaitForMessageAsync(barrier);
        // Exactly the same answer as for a conversation that does not exist: existence does not leak.
        Assert.Equal(unknown.Message, refused.Message);
        if (expectedEnglish is not null)
        {
            Assert.Contains(expectedEnglish, refused.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Matches(@"\p{IsArabic}", refused.Message);
        }

        foreach (var client in new[] { aliceClient, bobClient })
        {
            Assert.DoesNotContain(client.Events, e => e.Name is "typing_start" or "message_read" or "message_delivered");
        }
    }

    [Fact]
    public async Task MarkDeliveredAndRead_Recipient_SenderHearsBothLive()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Receipts");
        var bob = await Api.CreateVerifiedUserAsync("Bob Receipts");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await Api.AcceptAsync(bob, conversation);
        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        var messageId = (await Api.SendMessageAsync(alice, conversation, "read me"))["id"]!.GetValue<string>();
        await bobClient.WaitForMessageAsync(messageId);

        await bobClient.InvokeAsync("MarkDelivered", Guid.Parse(conversation), Guid.Parse(messageId));
        var delivered = await aliceClient.WaitForAsync("message_delivered");
        await bobClient.InvokeAsync("MarkRead", Guid.Parse(conversation), Guid.Parse(messageId));
        var read = await aliceClient.WaitForAsync("message_read");

        Assert.Equal(bob.Id.ToString(), delivered.Str("user_id"));
        Assert.Equal(messageId, delivered.Str("message_id"));
        Assert.Equal(1, delivered.GetProperty("sequence").GetInt64());
        Assert.Equal(conversation, read.Str("conversation_id"));
        Assert.Equal(bob.Id.ToString(), read.Str("user_id"));
        Assert.EndsWith("Z", read.Str("at"), StringComparison.Ordinal);
        // The reader's own devices learn it too (unread badges).
        await bobClient.WaitForAsync("message_read");
    }

    [Fact]
    public async Task MarkRead_SenderSharesNoReadReceipts_SenderDoesNotHearReadButHearsDelivered()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Private Reads");
        var bob = await Api.CreateVerifiedUserAsync("Bob Reader");
        await Api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", alice, new { send_read_receipts = false });
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await Api.AcceptAsync(bob, conversation);
        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        var messageId = (await Api.SendMessageAsync(alice, conversation, "hidden reads"))["id"]!.GetValue<string>();

        await bobClient.InvokeAsync("MarkRead", Guid.Parse(conversation), Guid.Parse(messageId));
        await aliceClient.WaitForAsync("message_delivered");
        await bobClient.WaitForAsync("message_read");
        var barrier = (await Api.SendMessageAsync(bob, conversation, "barrier"))["id"]!.GetValue<string>();
        await aliceClient.WaitForMessageAsync(barrier);

        Assert.Equal(0, aliceClient.Count("message_read"));
    }

    [Fact]
    public async Task RenameGroup_Members_ReceiveTheirOwnConversationViewRemovedMemberNothing()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Group");
        var bob = await Api.CreateVerifiedUserAsync("Bob Group");
        var carol = await Api.CreateVerifiedUserAsync("Carol Group");
        var dave = await Api.CreateVerifiedUserAsync("Dave Group");
        var group = await Api.CreateGroupAsync(alice, "Team", bob, carol, dave);
        await Api.SendMessageAsync(alice, group, "unread for bob");
        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/messaging/conversations/{group}/participants/{dave.Id}", alice);
        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        await using var daveClient = await HubClient.ConnectAsync(app.Host, dave);

        await Api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/v1/messaging/conversations/{group}", alice, new { title = "Renamed" });

        bool Renamed(JsonElement p) => p.GetProperty("conversation").Str("title") == "Renamed";
        var forBob = (await bobClient.WaitForAsync("conversation_updated", Renamed)).GetProperty("conversation");
        var forAlice = (await aliceClient.WaitForAsync("conversation_updated", Renamed)).GetProperty("conversation");
        var barrier = (await Api.SendMessageAsync(bob, group, "barrier"))["id"]!.GetValue<string>();
        await aliceClient.WaitForMessageAsync(barrier);

        Assert.Equal(group, forBob.Str("id"));
        Assert.Equal(1, forBob.GetProperty("unread_count").GetInt32());
        Assert.Equal(0, forAlice.GetProperty("unread_count").GetInt32());
        Assert.Equal(3, forBob.GetProperty("participants").GetArrayLength());
        Assert.Equal(0, daveClient.Count("conversation_updated"));
        Assert.Equal(0, daveClient.Count("new_message"));
    }

    private static (long Sequence, string Id) Sequenced(JsonElement message) =>
        (message.GetProperty("sequence").GetInt64(), message.Str("id"));
}
