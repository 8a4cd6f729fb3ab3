using System.Net;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Conversations;

/// <summary>The caller's draft through the HTTP API, on both providers: kept per user, cleared by sending, encrypted at rest.</summary>
public abstract class DraftApiTests(AppFixture app)
{
    private static string Conversation(string id) => $"/api/v1/messaging/conversations/{id}";

    [Fact]
    public async Task Draft_SavedByOneUser_IsOnTheirConversationOnly_AndEmptyContentRemovesIt()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{Conversation(id)}/draft", sara, new { content = "half a thought… مسودة" });

        Assert.Equal("half a thought… مسودة", (await api.GetAsync(Conversation(id), sara))!["draft"]!.GetValue<string>());
        var listed = (await api.GetAsync("/api/v1/messaging/conversations", sara))!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id);
        Assert.Equal("half a thought… مسودة", listed!["draft"]!.GetValue<string>());
        Assert.Null((await api.GetAsync(Conversation(id), omar))!["draft"]);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{Conversation(id)}/draft", sara, new { content = "" });
        Assert.Null((await api.GetAsync(Conversation(id), sara))!["draft"]);
    }

    [Fact]
    public async Task Draft_ClearedWhenTheUserSends_ButNotWhenSomeoneElseDoes()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{Conversation(id)}/draft", sara, new { content = "see you at" });
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{Conversation(id)}/draft", omar, new { content = "ok" });

        await api.SendMessageAsync(omar, id, "ok!");
        Assert.Equal("see you at", (await api.GetAsync(Conversation(id), sara))!["draft"]!.GetValue<string>());
        Assert.Null((await api.GetAsync(Conversation(id), omar))!["draft"]);

        await api.SendMessageAsync(sara, id, "see you at 5");
        Assert.Null((await api.GetAsync(Conversation(id), sara))!["draft"]);
    }

    [Fact]
    public async Task Draft_TooLongOrOutsider_IsRefused_AndChangesNothing()
    {
        using var api = app.Host.CreateApi();
        var (sara, _, id) = await PairAsync(api);
        var karim = await api.CreateVerifiedUserAsync("Karim");
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{Conversation(id)}/draft", sara, new { content = "kept" });

        var tooLong = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Put, $"{Conversation(id)}/draft", sara,
            new { content = new string('x', Limits.MaxMessageLength + 1) }, language: "ar");
        Assert.Equal("content_too_long", tooLong!["code"]!.GetValue<string>());
        Assert.Matches(@"\p{IsArabic}", tooLong["detail"]!.GetValue<string>());
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"{Conversation(id)}/draft", karim, new { content = "intrusion" });
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Put, $"{Conversation(Guid.NewGuid().ToString())}/draft", sara, new { content = "nowhere" });

        Assert.Equal("kept", (await api.GetAsync(Conversation(id), sara))!["draft"]!.GetValue<string>());
    }

    [Fact]
    public async Task Draft_InEncryptedConversation_IsStoredEncrypted_AndReadInClear()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Enc");
        var omar = await api.CreateVerifiedUserAsync("Omar Enc");
        var id = await api.CreateDirectAsync(sara, omar, encrypted: true);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{Conversation(id)}/draft", sara, new { content = "the salary is 100" });

        Assert.Equal("the salary is 100", (await api.GetAsync(Conversation(id), sara))!["draft"]!.GetValue<string>());
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        var stored = await db.Participants.Where(p => p.ConversationId == Guid.Parse(id) && p.UserId == sara.Id).Select(p => p.Draft).SingleAsync();
        Assert.NotNull(stored);
        Assert.DoesNotContain("salary", stored, StringComparison.Ordinal);
    }

    private static async Task<(TestUser Sara, TestUser Omar, string ConversationId)> PairAsync(ApiClient api)
    {
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        return (sara, omar, await api.CreateDirectAsync(sara, omar));
    }
}

public sealed class DraftApiTestsOnSqlite(SqliteAppFixture app) : DraftApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class DraftApiTestsOnPostgres(PostgresAppFixture app) : DraftApiTests(app), IClassFixture<PostgresAppFixture>;
