using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime;

public sealed class MultiNodeTests(MultiNodeFixture nodes) : IClassFixture<MultiNodeFixture>
{
    [Fact]
    public async Task EventsFromNodeA_ClientOnNodeB_ReceivesMessageTypingReadAndPresenceOnce()
    {
        var alice = await nodes.ApiA.CreateVerifiedUserAsync("Alice Node A");
        var bob = await nodes.ApiA.CreateVerifiedUserAsync("Bob Node B");
        var carol = await nodes.ApiA.CreateVerifiedUserAsync("Carol Node B");
        var group = await nodes.ApiA.CreateGroupAsync(alice, "Across nodes", bob, carol);
        await nodes.ApiA.AcceptAsync(bob, group);
        await nodes.ApiA.AcceptAsync(carol, group);
        await using var aliceOnA = await HubClient.ConnectAsync(nodes.NodeA, alice);
        await using var bobOnB = await HubClient.ConnectAsync(nodes.NodeB, bob);
        await using var aliceOnB = await HubClient.ConnectAsync(nodes.NodeB, alice);

        // A message sent through node A reaches bob and alice's other device on node B, and alice's device on A once.
        var message = (await nodes.ApiA.SendMessageAsync(alice, group, "across"))["id"]!.GetValue<string>();
        await bobOnB.WaitForMessageAsync(message);
        await aliceOnB.WaitForMessageAsync(message);
        await aliceOnA.WaitForMessageAsync(message);

        // Typing on A is heard on B.
        await aliceOnA.InvokeAsync("TypingStart", Guid.Parse(group));
        var typing = await bobOnB.WaitForAsync("typing_start");

        // A read on B is heard on A.
        await bobOnB.InvokeAsync("MarkRead", Guid.Parse(group), Guid.Parse(message));
        var read = await aliceOnA.WaitForAsync("message_read", p => p.Str("user_id") == bob.Id.ToString());

        // Carol coming online on B is announced to alice on A; and offline after the grace.
        await using (await HubClient.ConnectAsync(nodes.NodeB, carol))
        {
            await aliceOnA.WaitForAsync("presence_changed", p => p.Str("user_id") == carol.Id.ToString() && p.Str("status") == "online");
        }

        await aliceOnA.WaitForAsync("presence_changed", p => p.Str("user_id") == carol.Id.ToString() && p.Str("status") == "offline");

        var barrier = (await nodes.ApiB.SendMessageAsync(bob, group, "barrier"))["id"]!.GetValue<string>();
        foreach (var client in new[] { aliceOnA, aliceOnB, bobOnB })
        {
            await client.WaitForMessageAsync(barrier);
            Assert.Equal(1, client.Count("new_message", p => p.GetProperty("message").Str("id") == message));
        }

        Assert.Equal(alice.Id.ToString(), typing.Str("user_id"));
        Assert.Equal(message, read.Str("message_id"));
        Assert.Equal(0, aliceOnB.Count("typing_start"));
        Assert.Equal(1, aliceOnA.Count("presence_changed", p => p.Str("user_id") == carol.Id.ToString() && p.Str("status") == "online"));
    }

    [Fact]
    public async Task HealthReady_RedisConnected_Healthy()
    {
        using var response = await nodes.ApiB.Http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ConversationList_UserOnlineOnOtherNode_ShowsOnline()
    {
        var alice = await nodes.ApiA.CreateVerifiedUserAsync("Alice List");
        var bob = await nodes.ApiA.CreateVerifiedUserAsync("Bob List");
        var conversation = await nodes.ApiA.CreateDirectAsync(alice, bob);
        await nodes.ApiA.AcceptAsync(bob, conversation);
        await using var aliceOnA = await HubClient.ConnectAsync(nodes.NodeA, alice);
        await using var bobOnB = await HubClient.ConnectAsync(nodes.NodeB, bob);
        await aliceOnA.WaitForAsync("presence_changed", p => p.Str("user_id") == bob.Id.ToString());

        // Node A's presence cache may be a moment old; poll briefly rather than assume timing.
        await Eventually.UntilAsync("node A to show Bob (connected to node B) online", async () =>
        {
            var view = await nodes.ApiA.GetAsync($"/api/v1/messaging/conversations/{conversation}", alice);
            return view!["participant_details"]!.AsArray().Any(p => p!["user_id"]!.GetValue<string>() == bob.Id.ToString() && p["is_online"]!.GetValue<bool>());
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
    }
}
