using System.Net;
using System.Text.Json.Nodes;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Realtime.Faults;

/// <summary>
/// The window between a send's commit and the publish of its event (ADR 0039): a node killed there has stored the
/// message and told nobody. Two real nodes on PostgreSQL + Redis; node A is SIGKILLed right after the commit (a crash
/// point enabled by configuration). The sender's retry with the same <c>client_message_id</c> on node B must reach the
/// recipient live on node B, whose connection never broke (so nothing else makes it catch up), and store nothing twice.
/// </summary>
public sealed class RetriedSendTests
{
    private const string CrashMarker = "crash-after-commit-";

    [Fact]
    public async Task NodeKilledBetweenCommitAndPublish_RetryOnAnotherNode_LiveRecipientGetsTheMessageOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var root = Directory.CreateTempSubdirectory("messaging-retried-send-").FullName;
        try
        {
            var prefix = $"test-{Guid.NewGuid():N}";
            var environmentA = NodeProcess.ClusterEnvironment(Path.Combine(root, "a"), database.ConnectionString, prefix);
            environmentA["Messaging__CrashPoints__AfterSendCommitted"] = CrashMarker;
            // One after the other: the first migrates the database and creates the shared key ring.
            await using var nodeA = await NodeProcess.StartAsync(environmentA);
            await using var nodeB = await NodeProcess.StartAsync(NodeProcess.ClusterEnvironment(Path.Combine(root, "b"), database.ConnectionString, prefix));
            using var apiA = new ApiClient(nodeA.Address);
            using var apiB = new ApiClient(nodeB.Address);
            var alice = await apiB.CreateVerifiedUserAsync("Alice Retry");
            var bob = await apiB.CreateVerifiedUserAsync("Bob Retry");
            var conversation = await apiB.CreateDirectAsync(alice, bob);
            await apiB.AcceptAsync(bob, conversation);
            await using var bobOnB = await HubClient.ConnectAsync(nodeB.Address, bob);
            var path = $"/api/v1/messaging/conversations/{conversation}/messages";
            var body = new { content = "committed, then the node died", client_message_id = CrashMarker + "1" };

            // Node A commits and dies before publishing: the sender gets no answer.
            await Assert.ThrowsAnyAsync<HttpRequestException>(async () => (await apiA.SendAsync(HttpMethod.Post, path, alice, body)).Dispose());
            await nodeA.WaitForExitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(137, nodeA.ExitCode);
            var stored = await apiB.GetAsync($"{path}?after_sequence=0", bob);
            var id = Assert.Single(stored!.AsArray(), m => m!["client_message_id"]?.GetValue<string>() == body.client_message_id)!["id"]!.GetValue<string>();
            Assert.Equal(0, bobOnB.Count("new_message", p => p.GetProperty("message").Str("id") == id));

            // The retry on node B answers with the stored message and publishes it: Bob sees it live.
            using (var retried = await apiB.SendAsync(HttpMethod.Post, path, alice, body))
            {
                Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
                Assert.Equal(id, JsonNode.Parse(await retried.Content.ReadAsStringAsync())!["id"]!.GetValue<string>());
            }

            var live = await bobOnB.WaitForMessageAsync(id);
            Assert.Equal("committed, then the node died", live.GetProperty("message").Str("content"));
            var history = (await apiB.GetAsync($"{path}?after_sequence=0", bob))!.AsArray();
            Assert.Single(history, m => m!["client_message_id"]?.GetValue<string>() == body.client_message_id);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
