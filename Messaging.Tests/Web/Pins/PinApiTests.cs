using System.Net;
using Messaging.Core.Persistence;
using Messaging.Core.Pins;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Pins;

/// <summary>Pinning through the HTTP API, on both providers: who may pin, the pins list, the cap, and deletion.</summary>
public abstract class PinApiTests(AppFixture app)
{
    private static string Conversation(string id) => $"/api/v1/messaging/conversations/{id}";

    private static string Pin(string conversationId, string messageId) => $"{Conversation(conversationId)}/messages/{messageId}/pin";

    [Fact]
    public async Task Pin_InDirectConversation_EitherParticipant_PinsForBoth_NewestPinFirst_AndUnpins()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var first = await SendAsync(api, sara, id, "the address is 12 Nile St");
        var second = await SendAsync(api, omar, id, "meeting moved to 3pm");

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, Pin(id, first), omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, Pin(id, second), sara);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, Pin(id, second), sara);

        var pins = (await api.GetAsync($"{Conversation(id)}/pins", sara))!.AsArray();
        Assert.Equal([second, first], pins.Select(p => p!["id"]!.GetValue<string>()));
        Assert.All(pins, p => Assert.True(p!["is_pinned"]!.GetValue<bool>()));
        var messages = (await api.GetAsync($"{Conversation(id)}/messages", omar))!.AsArray();
        Assert.All(messages, m => Assert.True(m!["is_pinned"]!.GetValue<bool>()));

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, Pin(id, first), sara);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, Pin(id, first), sara);
        Assert.Equal([second], (await api.GetAsync($"{Conversation(id)}/pins", omar))!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
        var unpinned = (await api.GetAsync($"{Conversation(id)}/messages", omar))!.AsArray().Single(m => m!["id"]!.GetValue<string>() == first);
        Assert.False(unpinned!["is_pinned"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Pin_InGroup_OnlyAdmins_MemberRefusedWithLocalizedNotGroupAdmin()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var group = await api.CreateGroupAsync(sara, "Team", omar);
        var message = await SendAsync(api, omar, group, "release notes are ready");

        var refused = await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Pin(group, message), omar, language: "ar");
        Assert.Equal("not_group_admin", refused!["code"]!.GetValue<string>());
        Assert.Matches(@"\p{IsArabic}", refused["detail"]!.GetValue<string>());
        Assert.Empty((await api.GetAsync($"{Conversation(group)}/pins", omar))!.AsArray());

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, Pin(group, message), sara);
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Delete, Pin(group, message), omar);
        Assert.Single((await api.GetAsync($"{Conversation(group)}/pins", omar))!.AsArray());
    }

    [Fact]
    public async Task Pin_OutsiderUnknownOrSystemMessage_AreRefused()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var karim = await api.CreateVerifiedUserAsync("Karim");
        var message = await SendAsync(api, sara, id, "private");

        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, Pin(id, message), karim);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{Conversation(id)}/pins", karim);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Post, Pin(id, Guid.NewGuid().ToString()), omar);

        var group = await api.CreateGroupAsync(sara, "With a system message", omar);
        var system = (await api.GetAsync($"{Conversation(group)}/messages", sara))!.AsArray()
            .First(m => m!["message_type"]!.GetValue<string>() == "system")!["id"]!.GetValue<string>();
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Post, Pin(group, system), sara);
    }

    [Fact]
    public async Task Delete_PinnedMessage_LosesItsPin_AndCannotBePinnedAgain()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var message = await SendAsync(api, sara, id, "wrong link");
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, Pin(id, message), omar);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Conversation(id)}/messages/{message}", sara);

        Assert.Empty((await api.GetAsync($"{Conversation(id)}/pins", omar))!.AsArray());
        Assert.False((await api.GetAsync($"{Conversation(id)}/messages", omar))!.AsArray().Single()!["is_pinned"]!.GetValue<bool>());
        var refused = await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, Pin(id, message), omar);
        Assert.Equal("message_deleted", refused!["code"]!.GetValue<string>());
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();
        Assert.Null(await db.Messages.Where(m => m.Id == Guid.Parse(message)).Select(m => m.PinnedAt).SingleAsync());
    }

    [Fact]
    public async Task Pin_BeyondTheCap_IsRefusedWithLocalizedPinLimitReached_UntilOneIsUnpinned()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var ids = new List<string>();
        for (var i = 0; i <= PinRules.MaxPerConversation; i++)
        {
            ids.Add(await SendAsync(api, i % 2 == 0 ? sara : omar, id, $"note {i}"));
        }

        // All but the last pinned at once in the database: the cap is what is tested, not fifty round trips.
        await using (var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync())
        {
            var toPin = ids.Take(PinRules.MaxPerConversation).Select(Guid.Parse).ToArray();
            var now = DateTime.UtcNow;
            await db.Messages.Where(m => toPin.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.PinnedAt, now).SetProperty(m => m.PinnedById, sara.Id));
        }

        var refused = await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, Pin(id, ids[^1]), omar, language: "ar");
        Assert.Equal("pin_limit_reached", refused!["code"]!.GetValue<string>());
        Assert.Contains("المثبّتة", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var english = await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, Pin(id, ids[^1]), omar, language: "en");
        Assert.Contains("pinned", english!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(PinRules.MaxPerConversation, (await api.GetAsync($"{Conversation(id)}/pins", sara))!.AsArray().Count);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, Pin(id, ids[0]), sara);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, Pin(id, ids[^1]), omar);
        Assert.Equal(ids[^1], (await api.GetAsync($"{Conversation(id)}/pins", sara))!.AsArray()[0]!["id"]!.GetValue<string>());
    }

    private static async Task<string> SendAsync(ApiClient api, TestUser from, string conversationId, string content) =>
        (await api.SendMessageAsync(from, conversationId, content))["id"]!.GetValue<string>();

    private static async Task<(TestUser Sara, TestUser Omar, string ConversationId)> PairAsync(ApiClient api)
    {
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        return (sara, omar, await api.CreateDirectAsync(sara, omar));
    }
}

public sealed class PinApiTestsOnSqlite(SqliteAppFixture app) : PinApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class PinApiTestsOnPostgres(PostgresAppFixture app) : PinApiTests(app), IClassFixture<PostgresAppFixture>;
