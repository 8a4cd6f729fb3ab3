using System.Net;
using Messaging.Core.Notifications;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Acknowledgements;

/// <summary>Acknowledgement requests through the HTTP API, on both providers.</summary>
public abstract class AckApiTests(AppFixture app)
{
    private static string Messages(string conversationId) => $"/api/v1/messaging/conversations/{conversationId}/messages";

    private static string Ack(string conversationId, string messageId) => $"{Messages(conversationId)}/{messageId}/ack";

    [Fact]
    public async Task Ack_RecipientsAcknowledgeOnceEach_AreListedWithTime_AndTheSenderIsRefused()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Ack");
        var omar = await api.CreateVerifiedUserAsync("Omar Ack");
        var lina = await api.CreateVerifiedUserAsync("Lina Ack");
        var id = await api.CreateGroupAsync(sara, "Release", omar, lina);

        var sent = await api.SendMessageAsync(sara, id, "Please read the release checklist", new Dictionary<string, object> { ["requires_ack"] = true });
        var messageId = sent["id"]!.GetValue<string>();
        Assert.True(sent["requires_ack"]!.GetValue<bool>());
        Assert.Empty(sent["acks"]!.AsArray());

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, Ack(id, messageId), omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, Ack(id, messageId), omar);
        var refused = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Ack(id, messageId), sara, language: "ar");
        Assert.Equal("cannot_acknowledge_own_message", refused!["code"]!.GetValue<string>());
        Assert.Contains("رسالتك", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var acks = (await api.GetAsync(Messages(id), lina))!.AsArray().Single(m => m!["id"]!.GetValue<string>() == messageId)!["acks"]!.AsArray();
        var only = Assert.Single(acks)!;
        Assert.Equal(omar.Id, Guid.Parse(only["user_id"]!.GetValue<string>()));
        Assert.True(DateTime.UtcNow - only["at"]!.GetValue<DateTime>().ToUniversalTime() < TimeSpan.FromMinutes(5));

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, Ack(id, messageId), lina);
        var after = (await api.GetAsync(Messages(id), sara))!.AsArray().Single(m => m!["id"]!.GetValue<string>() == messageId)!;
        Assert.Equal([omar.Id, lina.Id], after["acks"]!.AsArray().Select(a => Guid.Parse(a!["user_id"]!.GetValue<string>())));
        Assert.True(after["requires_ack"]!.GetValue<bool>());
        Assert.Equal(new[] { omar.Id, lina.Id }.Order(), after["ack_recipients"]!.AsArray().Select(u => Guid.Parse(u!.GetValue<string>())).Order());
    }

    [Fact]
    public async Task Ack_OnAMessageWithoutRequest_IsRefusedClearly_AndOutsidersGetNotFound()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara NoAck");
        var omar = await api.CreateVerifiedUserAsync("Omar NoAck");
        var karim = await api.CreateVerifiedUserAsync("Karim NoAck");
        var id = await api.CreateDirectAsync(sara, omar);
        var plain = await api.SendMessageAsync(sara, id, "just saying hi");
        Assert.False(plain["requires_ack"]!.GetValue<bool>());
        var asked = (await api.SendMessageAsync(sara, id, "sign the form", new Dictionary<string, object> { ["requires_ack"] = true }))["id"]!.GetValue<string>();

        var problem = await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, Ack(id, plain["id"]!.GetValue<string>()), omar);
        Assert.Equal("ack_not_requested", problem!["code"]!.GetValue<string>());
        Assert.Contains("acknowledgement", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, Ack(id, asked), karim);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, Ack(id, Guid.NewGuid().ToString()), omar);
        Assert.Empty((await api.GetAsync(Messages(id), sara))!.AsArray().SelectMany(m => m!["acks"]!.AsArray()));
    }

    [Fact]
    public async Task Ack_Requested_NotifiesEachRecipientOnce_AsAckRequested_NotTheSender()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Bell");
        var omar = await api.CreateVerifiedUserAsync("Omar Bell");
        var lina = await api.CreateVerifiedUserAsync("Lina Bell");
        var id = await api.CreateGroupAsync(sara, "Policies", omar, lina);

        var messageId = (await api.SendMessageAsync(sara, id, "New leave policy", new Dictionary<string, object> { ["requires_ack"] = true }))["id"]!.GetValue<string>();
        await app.Host.Services.GetRequiredService<NotificationDispatcher>().ProcessPendingAsync();

        foreach (var recipient in new[] { omar, lina })
        {
            // Being added to the group is a notification too; the request is one more, once.
            var item = Assert.Single((await api.GetAsync("/api/v1/notifications", recipient))!.AsArray(), n => n!["type"]!.GetValue<string>() == "ack_requested")!;
            Assert.Equal("ack_requested", item["type"]!.GetValue<string>());
            Assert.Equal(messageId, item["message_id"]!.GetValue<string>());
            Assert.Equal("Sara Bell", item["actor_name"]!.GetValue<string>());
        }

        Assert.DoesNotContain((await api.GetAsync("/api/v1/notifications", sara))!.AsArray(), n => n!["type"]!.GetValue<string>() == "ack_requested");
    }
}

public sealed class AckApiTestsOnSqlite(SqliteAppFixture app) : AckApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class AckApiTestsOnPostgres(PostgresAppFixture app) : AckApiTests(app), IClassFixture<PostgresAppFixture>;
