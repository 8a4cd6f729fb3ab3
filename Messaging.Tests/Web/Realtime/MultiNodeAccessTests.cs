using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime;

/// <summary>Two nodes on one PostgreSQL and one Redis: access ended through one node ends on the other within 5 s.</summary>
public sealed class MultiNodeAccessTests(MultiNodeFixture nodes) : IClassFixture<MultiNodeFixture>
{
    [Fact]
    public async Task Logout_OnNodeA_TokenAndHubOnNodeBStopWithin5s()
    {
        var bob = await nodes.ApiA.CreateVerifiedUserAsync("Bob Across Nodes");
        await using var bobOnB = await HubClient.ConnectAsync(nodes.NodeB, bob);
        var closed = AccessAssertions.WatchClosed(bobOnB.Connection);
        // Node B has checked (and cached) this token as good.
        await nodes.ApiB.GetAsync("/api/v1/users/me", bob);

        await nodes.ApiA.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, "/api/v1/auth/logout", body: new { refresh_token = bob.RefreshToken });

        await closed.WaitAsync(AccessAssertions.Promise);
        await AccessAssertions.ExpectRejectedWithinAsync(nodes.ApiB, bob);
    }

    [Fact]
    public async Task Reject_OnNodeA_UserConnectedToNodeB_ClosedWithin5sAndHearsNothingMore()
    {
        var alice = await nodes.ApiA.CreateVerifiedUserAsync("Alice Node A Access");
        var bob = await nodes.ApiA.CreateVerifiedUserAsync("Bob Node B Access");
        var conversation = await nodes.ApiA.CreateDirectAsync(alice, bob, encrypted: true);
        await using var bobOnB = await HubClient.ConnectAsync(nodes.NodeB, bob);
        var closed = AccessAssertions.WatchClosed(bobOnB.Connection);
        await nodes.ApiB.GetAsync("/api/v1/users/me", bob);
        var admin = await nodes.ApiA.LoginAdminAsync();

        await nodes.ApiA.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/admin/users/{bob.Id}/reject", admin);

        await closed.WaitAsync(AccessAssertions.Promise);
        await AccessAssertions.ExpectRejectedWithinAsync(nodes.ApiB, bob);
        var after = (await nodes.ApiA.SendMessageAsync(alice, conversation, "after rejection"))["id"]!.GetValue<string>();
        Assert.Equal(0, bobOnB.Count("new_message", p => p.GetProperty("message").Str("id") == after));
    }
}
