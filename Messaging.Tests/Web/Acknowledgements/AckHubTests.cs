using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Acknowledgements;

/// <summary>An acknowledgement reaches the other participants live, as <c>message_updated</c> with the new <c>acks</c>.</summary>
public sealed class AckHubTests(RealtimeFixture app) : IClassFixture<RealtimeFixture>
{
    private ApiClient Api => app.Api;

    [Fact]
    public async Task Ack_TheSenderAndTheOtherRecipient_HearMessageUpdatedWithTheAcks()
    {
        var sara = await Api.CreateVerifiedUserAsync("Sara Live Ack");
        var omar = await Api.CreateVerifiedUserAsync("Omar Live Ack");
        var lina = await Api.CreateVerifiedUserAsync("Lina Live Ack");
        var outsider = await Api.CreateVerifiedUserAsync("Karim Live Ack");
        var conversation = await Api.CreateGroupAsync(sara, "Ops", omar, lina);
        await using var saraClient = await HubClient.ConnectAsync(app.Host, sara);
        await using var linaClient = await HubClient.ConnectAsync(app.Host, lina);
        await using var outsiderClient = await HubClient.ConnectAsync(app.Host, outsider);
        var id = (await Api.SendMessageAsync(sara, conversation, "Maintenance tonight at 22:00", new Dictionary<string, object> { ["requires_ack"] = true }))["id"]!.GetValue<string>();

        await Api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"/api/v1/messaging/conversations/{conversation}/messages/{id}/ack", omar);

        foreach (var client in new[] { saraClient, linaClient })
        {
            var updated = await client.WaitForAsync("message_updated", p =>
                p.GetProperty("message").Str("id") == id && p.GetProperty("message").GetProperty("acks").GetArrayLength() == 1);
            var message = updated.GetProperty("message");
            Assert.True(message.GetProperty("requires_ack").GetBoolean());
            Assert.Equal(omar.Id.ToString(), message.GetProperty("acks")[0].Str("user_id"));
            Assert.False(string.IsNullOrEmpty(message.GetProperty("acks")[0].Str("at")));
        }

        Assert.DoesNotContain(outsiderClient.Events, e => e.Name == "message_updated");
    }
}
