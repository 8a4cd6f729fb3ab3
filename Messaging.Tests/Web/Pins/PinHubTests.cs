using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Pins;

/// <summary>Pinning reaches every participant live as <c>message_updated</c> with <c>is_pinned</c>, and nobody else.</summary>
public sealed class PinHubTests(RealtimeFixture app) : IClassFixture<RealtimeFixture>
{
    private ApiClient Api => app.Api;

    [Fact]
    public async Task Pin_ThenUnpin_OtherParticipantHearsMessageUpdatedWithIsPinned()
    {
        var alice = await Api.CreateVerifiedUserAsync("Alice Pin");
        var bob = await Api.CreateVerifiedUserAsync("Bob Pin");
        var carol = await Api.CreateVerifiedUserAsync("Carol Pin");
        var conversation = await Api.CreateDirectAsync(alice, bob);
        await using var bobClient = await HubClient.ConnectAsync(app.Host, bob);
        await using var carolClient = await HubClient.ConnectAsync(app.Host, carol);
        var id = (await Api.SendMessageAsync(alice, conversation, "the plan"))["id"]!.GetValue<string>();
        var path = $"/api/v1/messaging/conversations/{conversation}/messages/{id}/pin";

        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, path, alice);
        var pinned = await bobClient.WaitForAsync("message_updated", p =>
            p.GetProperty("message").Str("id") == id && p.GetProperty("message").GetProperty("is_pinned").GetBoolean());
        Assert.Equal(conversation, pinned.Str("conversation_id"));

        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, path, alice);
        await bobClient.WaitForAsync("message_updated", p =>
            p.GetProperty("message").Str("id") == id && !p.GetProperty("message").GetProperty("is_pinned").GetBoolean());
        Assert.DoesNotContain(carolClient.Events, e => e.Name == "message_updated");
    }
}
