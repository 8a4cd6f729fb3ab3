using System.Net;
using Messaging.Core.Mentions;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Messages;

/// <summary>Mentions through the HTTP API, on both providers: kept for participants only, stored, and on every Message.</summary>
public abstract class MentionApiTests(AppFixture app)
{
    private static string Messages(string conversationId) => $"/api/v1/messaging/conversations/{conversationId}/messages";

    [Fact]
    public async Task Send_MentionsOfOutsidersSelfAndDuplicates_AreDropped_ParticipantsStoredAndReturnedInHistory()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, layla) = (await api.CreateVerifiedUserAsync("Sara"), await api.CreateVerifiedUserAsync("Omar"), await api.CreateVerifiedUserAsync("Layla"));
        var karim = await api.CreateVerifiedUserAsync("Karim");
        var group = await api.CreateGroupAsync(sara, "Team", omar, layla);

        var sent = await api.SendMessageAsync(sara, group, "@Omar and @Layla please look", new
        {
            mentions = new[] { omar.Id, karim.Id, sara.Id, omar.Id, Guid.NewGuid(), layla.Id },
        });

        Assert.Equal([omar.Id, layla.Id], Ids(sent["mentions"]!));
        var history = (await api.GetAsync(Messages(group), layla))!.AsArray();
        var stored = history.Single(m => m!["id"]!.GetValue<string>() == sent["id"]!.GetValue<string>())!;
        Assert.Equal([omar.Id, layla.Id], Ids(stored["mentions"]!).Order());
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        var rows = await db.Set<MessageMention>().Where(m => m.MessageId == Guid.Parse(sent["id"]!.GetValue<string>())).Select(m => m.UserId).ToListAsync();
        Assert.Equal([omar.Id, layla.Id], rows.Order());
    }

    [Fact]
    public async Task Send_WithoutMentions_ReturnsAnEmptyList_AndARetryReturnsTheSameMentions()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar) = (await api.CreateVerifiedUserAsync("Sara"), await api.CreateVerifiedUserAsync("Omar"));
        var id = await api.CreateDirectAsync(sara, omar);

        var plain = await api.SendMessageAsync(sara, id, "no one named");
        var first = await api.SendMessageAsync(sara, id, "@Omar hi", new { client_message_id = "retry-1", mentions = new[] { omar.Id } });
        var again = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, Messages(id), sara,
            new { content = "@Omar hi", client_message_id = "retry-1", mentions = new[] { omar.Id } });

        Assert.Empty(plain["mentions"]!.AsArray());
        Assert.Equal([omar.Id], Ids(first["mentions"]!));
        Assert.Equal(first["id"]!.GetValue<string>(), again!["id"]!.GetValue<string>());
        Assert.Equal([omar.Id], Ids(again["mentions"]!));
    }

    [Fact]
    public async Task Send_InEncryptedConversation_KeepsMentionsReadable_AndTheTombstoneDropsThem()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar) = (await api.CreateVerifiedUserAsync("Sara"), await api.CreateVerifiedUserAsync("Omar"));
        var id = await api.CreateDirectAsync(sara, omar, encrypted: true);

        var sent = await api.SendMessageAsync(sara, id, "@Omar the code is 4411", new { mentions = new[] { omar.Id } });
        Assert.Equal([omar.Id], Ids((await api.GetAsync(Messages(id), omar))!.AsArray().Single()!["mentions"]!));

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Messages(id)}/{sent["id"]}", sara);
        Assert.Empty((await api.GetAsync(Messages(id), omar))!.AsArray().Single()!["mentions"]!.AsArray());
    }

    [Fact]
    public async Task Send_MentionsNotAList_IsAValidationError()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar) = (await api.CreateVerifiedUserAsync("Sara"), await api.CreateVerifiedUserAsync("Omar"));
        var id = await api.CreateDirectAsync(sara, omar);

        var response = await api.SendAsync(HttpMethod.Post, Messages(id), sara, new { content = "hi", mentions = "everyone" }, language: "ar");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static Guid[] Ids(System.Text.Json.Nodes.JsonNode node) => node.AsArray().Select(n => Guid.Parse(n!.GetValue<string>())).ToArray();
}

public sealed class MentionApiTestsOnSqlite(SqliteAppFixture app) : MentionApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class MentionApiTestsOnPostgres(PostgresAppFixture app) : MentionApiTests(app), IClassFixture<PostgresAppFixture>;
