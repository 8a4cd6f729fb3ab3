using System.Net;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Messages;

/// <summary>Reactions and the edit window with its history through the HTTP API, on both providers.</summary>
public abstract class ReactionApiTests(AppFixture app)
{
    private static string Messages(string conversationId) => $"/api/v1/messaging/conversations/{conversationId}/messages";

    private static string Reaction(string conversationId, string messageId, string emoji) =>
        $"{Messages(conversationId)}/{messageId}/reactions/{Uri.EscapeDataString(emoji)}";

    [Fact]
    public async Task Reactions_AddTwiceAndRemove_CountEachPersonOnce_InOrderOfFirstUse()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var messageId = (await api.SendMessageAsync(sara, id, "lunch at 1?"))["id"]!.GetValue<string>();

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, Reaction(id, messageId, "👍"), sara);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, Reaction(id, messageId, "👍"), sara);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, Reaction(id, messageId, "👍"), omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, Reaction(id, messageId, "❤️"), omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, Reaction(id, messageId, "👍🏽"), omar);

        var reactions = (await api.GetAsync(Messages(id), omar))!.AsArray().Single()!["reactions"]!.AsArray();
        Assert.Equal(["👍", "❤️", "👍🏽"], reactions.Select(r => r!["emoji"]!.GetValue<string>()));
        Assert.Equal(2, reactions[0]!["count"]!.GetValue<int>());
        Assert.Equal([sara.Id, omar.Id], reactions[0]!["user_ids"]!.AsArray().Select(u => Guid.Parse(u!.GetValue<string>())));

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, Reaction(id, messageId, "👍"), sara);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, Reaction(id, messageId, "👍"), sara);
        var after = (await api.GetAsync(Messages(id), sara))!.AsArray().Single()!["reactions"]!.AsArray();
        Assert.Equal(1, after[0]!["count"]!.GetValue<int>());
        Assert.Equal([omar.Id], after[0]!["user_ids"]!.AsArray().Select(u => Guid.Parse(u!.GetValue<string>())));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("👍👍")]
    [InlineData("<b>")]
    [InlineData("1")]
    public async Task Reactions_NotOneEmoji_AreRefusedWithLocalizedValidationError(string emoji)
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var messageId = (await api.SendMessageAsync(sara, id, "hi"))["id"]!.GetValue<string>();

        var problem = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, Reaction(id, messageId, emoji), omar, language: "ar");

        Assert.Equal("validation_failed", problem!["code"]!.GetValue<string>());
        Assert.Contains("emoji", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty((await api.GetAsync(Messages(id), sara))!.AsArray().Single()!["reactions"]!.AsArray());
    }

    [Fact]
    public async Task Reactions_OutsiderDeletedOrUnknownMessage_AreRefused()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var karim = await api.CreateVerifiedUserAsync("Karim");
        var messageId = (await api.SendMessageAsync(sara, id, "secret"))["id"]!.GetValue<string>();

        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, Reaction(id, messageId, "👍"), karim);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, Reaction(id, Guid.NewGuid().ToString(), "👍"), omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, Reaction(id, messageId, "😂"), omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Messages(id)}/{messageId}", sara);
        await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Put, Reaction(id, messageId, "👍"), omar);

        // A tombstone shows no reactions.
        Assert.Empty((await api.GetAsync(Messages(id), omar))!.AsArray().Single()!["reactions"]!.AsArray());
    }

    [Fact]
    public async Task Edit_AfterTheWindow_IsRefused_AndHistoryKeepsEarlierTextsForParticipantsOnly()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var karim = await api.CreateVerifiedUserAsync("Karim History");
        var messageId = (await api.SendMessageAsync(sara, id, "meet at 10"))["id"]!.GetValue<string>();

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{Messages(id)}/{messageId}", sara, new { content = "meet at 11" });
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{Messages(id)}/{messageId}", sara, new { content = "meet at 12" });
        var history = (await api.GetAsync($"{Messages(id)}/{messageId}/edits", omar))!.AsArray();
        Assert.Equal(["meet at 10", "meet at 11"], history.Select(e => e!["content"]!.GetValue<string>()));
        Assert.All(history, e => Assert.NotNull(e!["replaced_at"]));
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{Messages(id)}/{messageId}/edits", karim);

        // Default window is 24 h: a message sent 25 h ago can no longer be edited.
        await using (var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync())
        {
            var sentAt = DateTime.UtcNow.AddHours(-25);
            await db.Messages.Where(m => m.Id == Guid.Parse(messageId)).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, sentAt));
        }

        var refused = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Patch, $"{Messages(id)}/{messageId}", sara, new { content = "too late" }, language: "ar");
        Assert.Equal("edit_window_closed", refused!["code"]!.GetValue<string>());
        Assert.Contains("تعديل", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("meet at 12", (await api.GetAsync(Messages(id), omar))!.AsArray().Single()!["content"]!.GetValue<string>());

        // Deleting leaves a tombstone without any earlier text.
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Messages(id)}/{messageId}", sara);
        Assert.Empty((await api.GetAsync($"{Messages(id)}/{messageId}/edits", omar))!.AsArray());
    }

    [Fact]
    public async Task EditHistory_InEncryptedConversation_IsStoredEncrypted_AndReadInClear()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Enc");
        var omar = await api.CreateVerifiedUserAsync("Omar Enc");
        var id = await api.CreateDirectAsync(sara, omar, encrypted: true);
        var messageId = (await api.SendMessageAsync(sara, id, "salary is 100"))["id"]!.GetValue<string>();
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{Messages(id)}/{messageId}", sara, new { content = "call me" });

        var history = (await api.GetAsync($"{Messages(id)}/{messageId}/edits", omar))!.AsArray();

        Assert.Equal("salary is 100", history.Single()!["content"]!.GetValue<string>());
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        var stored = await db.MessageEdits.Where(e => e.MessageId == Guid.Parse(messageId)).Select(e => e.Content).SingleAsync();
        Assert.DoesNotContain("salary", stored, StringComparison.Ordinal);
    }

    private static async Task<(TestUser Sara, TestUser Omar, string ConversationId)> PairAsync(ApiClient api)
    {
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        return (sara, omar, await api.CreateDirectAsync(sara, omar));
    }
}

public sealed class ReactionApiTestsOnSqlite(SqliteAppFixture app) : ReactionApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class ReactionApiTestsOnPostgres(PostgresAppFixture app) : ReactionApiTests(app), IClassFixture<PostgresAppFixture>;
