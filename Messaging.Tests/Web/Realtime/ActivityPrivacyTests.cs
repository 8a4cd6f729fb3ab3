using System.Net;
using System.Text.Json;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime;

/// <summary>
/// Issue 8, "Privacy", live on the hub: presence, typing and receipts reach only people in a conversation the user
/// accepted or wrote in, and never across a block. Each negative check waits on a later event to the same
/// connection (events reach one connection in the order they were published), never on time.
/// </summary>
public sealed class ActivityPrivacyTests(PresenceFixture app) : IClassFixture<PresenceFixture>
{
    private ApiClient Api => app.Api;

    private static Func<JsonElement, bool> About(TestUser user) => p => p.Str("user_id") == user.Id.ToString();

    /// <summary>Sends a message and waits until <paramref name="client"/> has it: everything published before has arrived.</summary>
    private async Task BarrierAsync(HubClient client, TestUser from, string conversation)
    {
        var id = (await Api.SendMessageAsync(from, conversation, "barrier"))["id"]!.GetValue<string>();
        await client.WaitForMessageAsync(id);
    }

    private async Task<bool> IsOnlineAsync(TestUser viewer, string conversation, TestUser subject)
    {
        var view = await Api.GetAsync($"/api/v1/messaging/conversations/{conversation}", viewer);
        return view!["participant_details"]!.AsArray().Single(p => p!["user_id"]!.GetValue<Guid>() == subject.Id)!["is_online"]!.GetValue<bool>();
    }

    [Fact]
    public async Task StrangerOpensDirect_LearnsNothingOfRecipientsActivity_UntilRecipientAccepts()
    {
        var stranger = await Api.CreateVerifiedUserAsync("Stranger Watcher");
        var bob = await Api.CreateVerifiedUserAsync("Bob Watched");
        var carol = await Api.CreateVerifiedUserAsync("Carol Friend");
        var friends = await Api.CreateDirectAsync(carol, bob);
        await Api.AcceptAsync(bob, friends);
        var cold = await Api.CreateDirectAsync(stranger, bob);
        var hello = (await Api.SendMessageAsync(stranger, cold, "hello, who are you?"))["id"]!.GetValue<string>();

        await using var strangerClient = await HubClient.ConnectAsync(app.Host, stranger);
        await using var carolClient = await HubClient.ConnectAsync(app.Host, carol);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);

        // Bob's friend hears him come online; the stranger hears nothing and the view says offline.
        await carolClient.WaitForAsync("presence_changed", About(bob));
        await BarrierAsync(strangerClient, stranger, cold);
        Assert.Equal(0, strangerClient.Count("presence_changed", About(bob)));
        Assert.False(await IsOnlineAsync(stranger, cold, bob));
        Assert.True(await IsOnlineAsync(carol, friends, bob));

        // Typing and receipts in the stranger's conversation reveal nothing either.
        await bobClient.InvokeAsync("TypingStart", Guid.Parse(cold));
        await bobClient.InvokeAsync("MarkRead", Guid.Parse(cold), Guid.Parse(hello));
        await bobClient.InvokeAsync("TypingStart", Guid.Parse(friends));
        await carolClient.WaitForAsync("typing_start", About(bob));
        await BarrierAsync(strangerClient, stranger, cold);
        Assert.Equal(0, strangerClient.Count("typing_start", About(bob)));
        Assert.Equal(0, strangerClient.Count("message_delivered", About(bob)));
        Assert.Equal(0, strangerClient.Count("message_read", About(bob)));
        var page = (await Api.GetAsync($"/api/v1/messaging/conversations/{cold}/messages", stranger))!.AsArray();
        var seen = page.Single(m => m!["id"]!.GetValue<string>() == hello)!;
        Assert.Empty(seen["delivered_to"]!.AsArray());
        Assert.Empty(seen["read_by"]!.AsArray());

        // Once Bob accepts, the stranger is someone he chose to talk to: receipts and presence flow.
        await Api.AcceptAsync(bob, cold);
        Assert.True(await IsOnlineAsync(stranger, cold, bob));
        var later = (await Api.SendMessageAsync(stranger, cold, "thanks"))["id"]!.GetValue<string>();
        await bobClient.InvokeAsync("MarkRead", Guid.Parse(cold), Guid.Parse(later));
        await strangerClient.WaitForAsync("message_read", p => About(bob)(p) && p.Str("message_id") == later);
    }

    [Fact]
    public async Task Block_InAGroup_HidesPresenceTypingAndReceiptsBothWays()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Blocker");
        var bob = await Api.CreateVerifiedUserAsync("Bob Blocked");
        var carol = await Api.CreateVerifiedUserAsync("Carol Bystander");
        var group = await Api.CreateGroupAsync(alice, "Blocked group", bob, carol);
        await Api.AcceptAsync(bob, group);
        await Api.AcceptAsync(carol, group);
        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/users/{bob.Id}/block", alice);
        var question = (await Api.SendMessageAsync(alice, group, "question for everyone"))["id"]!.GetValue<string>();

        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        await using var carolClient = await HubClient.ConnectAsync(app.Host, carol);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        await carolClient.WaitForAsync("presence_changed", About(bob));

        await bobClient.InvokeAsync("TypingStart", Guid.Parse(group));
        await bobClient.InvokeAsync("MarkRead", Guid.Parse(group), Guid.Parse(question));
        await carolClient.WaitForAsync("typing_start", About(bob));
        await carolClient.WaitForAsync("message_read", About(bob));
        await BarrierAsync(aliceClient, carol, group);

        Assert.Equal(0, aliceClient.Count("presence_changed", About(bob)));
        Assert.Equal(0, aliceClient.Count("typing_start", About(bob)));
        Assert.Equal(0, aliceClient.Count("message_read", About(bob)));
        Assert.False(await IsOnlineAsync(alice, group, bob));
        // The other way too: the blocked person does not see the blocker.
        Assert.False(await IsOnlineAsync(bob, group, alice));
        Assert.True(await IsOnlineAsync(carol, group, alice));
        var page = (await Api.GetAsync($"/api/v1/messaging/conversations/{group}/messages", alice))!.AsArray();
        Assert.DoesNotContain(page.Single(m => m!["id"]!.GetValue<string>() == question)!["read_by"]!.AsArray(), r => r!["user_id"]!.GetValue<Guid>() == bob.Id);
    }

    [Fact]
    public async Task PendingInvite_ReceivesNoPresenceOfTheGroup_AndShowsNone_UntilAccepted()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Inviter");
        var bob = await Api.CreateVerifiedUserAsync("Bob Member");
        var pat = await Api.CreateVerifiedUserAsync("Pat Invited");
        var group = await Api.CreateGroupAsync(alice, "Invite only", bob, pat);
        await Api.AcceptAsync(bob, group);

        await using var aliceClient = await HubClient.ConnectAsync(app.Host, alice);
        await using var patClient = await HubClient.ConnectAsync(app.Host, pat);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        await aliceClient.WaitForAsync("presence_changed", About(bob));
        await BarrierAsync(patClient, alice, group);
        await BarrierAsync(aliceClient, bob, group);

        Assert.Equal(0, patClient.Count("presence_changed"));
        Assert.Equal(0, aliceClient.Count("presence_changed", About(pat)));
        Assert.False(await IsOnlineAsync(pat, group, bob));
        Assert.False(await IsOnlineAsync(alice, group, pat));

        await Api.AcceptAsync(pat, group);
        Assert.True(await IsOnlineAsync(pat, group, bob));
        Assert.True(await IsOnlineAsync(alice, group, pat));
    }
}
