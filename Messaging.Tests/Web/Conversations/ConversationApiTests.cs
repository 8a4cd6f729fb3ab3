using System.Net;
using System.Text.Json.Nodes;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Conversations;

/// <summary>Conversations through the HTTP API, on both providers.</summary>
public abstract class ConversationApiTests(AppFixture app)
{
    private const string Conversations = "/api/v1/messaging/conversations";

    [Fact]
    public async Task CreateDirect_SamePairTwice_ReturnsExistingConversation()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");

        var first = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, Conversations, sara,
            new { conversation_type = "direct", participant_ids = new[] { omar.Id } });
        var again = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, Conversations, omar,
            new { conversation_type = "direct", participant_ids = new[] { sara.Id } });

        Assert.Equal(first!["id"]!.GetValue<string>(), again!["id"]!.GetValue<string>());
        Assert.Equal("direct", first["conversation_type"]!.GetValue<string>());
        Assert.Equal(2, first["participants"]!.AsArray().Count);
    }

    [Fact]
    public async Task CreateDirect_ConcurrentFromBothSides_YieldsOneConversation()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");

        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => i % 2 == 0
            ? api.CreateDirectAsync(sara, omar)
            : api.CreateDirectAsync(omar, sara)));

        Assert.Single(ids.Distinct());
    }

    [Fact]
    public async Task CreateGroup_TenParticipants_SucceedsAndElevenIsConflict()
    {
        using var api = app.Host.CreateApi();
        var owner = await api.CreateVerifiedUserAsync("Owner");
        var others = new List<TestUser>();
        for (var i = 0; i < 10; i++)
        {
            others.Add(await api.CreateVerifiedUserAsync($"Member {i}"));
        }

        var full = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, Conversations, owner,
            new { conversation_type = "group", participant_ids = others.Take(9).Select(o => o.Id), title = "Board" });
        Assert.Equal(10, full!["participants"]!.AsArray().Count);

        var problem = await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, Conversations, owner,
            new { conversation_type = "group", participant_ids = others.Select(o => o.Id), title = "Too big" });
        Assert.Equal("group_full", problem!["code"]!.GetValue<string>());

        var groupId = full["id"]!.GetValue<string>();
        await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Post, $"{Conversations}/{groupId}/participants", owner,
            new { user_ids = new[] { others[9].Id } });
        var after = await api.GetAsync($"{Conversations}/{groupId}", owner);
        Assert.Equal(10, after!["participants"]!.AsArray().Count);
    }

    [Fact]
    public async Task GroupMembership_RenameAddRemoveLeave_RecordsSystemMessagesAndPromotesAdmin()
    {
        using var api = app.Host.CreateApi();
        var owner = await api.CreateVerifiedUserAsync("Owner");
        var first = await api.CreateVerifiedUserAsync("First");
        var second = await api.CreateVerifiedUserAsync("Second");
        var third = await api.CreateVerifiedUserAsync("Third");
        var id = await api.CreateGroupAsync(owner, "Project", first, second);

        var renamed = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{Conversations}/{id}", owner, new { title = "Project X" });
        Assert.Equal("Project X", renamed!["title"]!.GetValue<string>());
        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Patch, $"{Conversations}/{id}", first, new { title = "Mine" });

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{Conversations}/{id}/participants", owner, new { user_ids = new[] { third.Id } });
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Conversations}/{id}/participants/{second.Id}", owner);
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"{Conversations}/{id}", second);

        // The only admin leaves: the longest-standing member (First, not Third) takes over.
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Conversations}/{id}/participants/{owner.Id}", owner);
        var conversation = await api.GetAsync($"{Conversations}/{id}", first);
        var roles = conversation!["participant_details"]!.AsArray().ToDictionary(p => p!["user_id"]!.GetValue<Guid>(), p => p!["role"]!.GetValue<string>());
        Assert.Equal("admin", roles[first.Id]);
        Assert.Equal("member", roles[third.Id]);
        Assert.False(roles.ContainsKey(owner.Id));

        var history = (await api.GetAsync($"{Conversations}/{id}/messages?limit=100", first))!.AsArray();
        var events = history.Reverse().Select(m => m!["system_event"]!.GetValue<string>()).ToArray();
        Assert.Equal(["conversation_created", "renamed", "participant_added", "participant_removed", "participant_left", "admin_promoted"], events);
        Assert.All(history, m => Assert.Equal("system", m!["message_type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task DirectConversation_RenameOrAddParticipants_IsRejected()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var third = await api.CreateVerifiedUserAsync("Third");
        var id = await api.CreateDirectAsync(sara, omar);

        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Patch, $"{Conversations}/{id}", sara, new { title = "x" });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{Conversations}/{id}/participants", sara, new { user_ids = new[] { third.Id } });
    }

    [Fact]
    public async Task CreateConversation_WithUnverifiedParticipant_IsRejectedWithoutCreating()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var pending = await api.RegisterAsync("Pending");

        var problem = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Conversations, sara,
            new { conversation_type = "direct", participant_ids = new[] { pending.Id } });
        var unknown = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Conversations, sara,
            new { conversation_type = "direct", participant_ids = new[] { Guid.NewGuid() } });

        // Unknown and unverified look the same, so the call reveals no accounts.
        Assert.Equal(problem!["detail"]!.GetValue<string>(), unknown!["detail"]!.GetValue<string>());
        Assert.Empty((await api.GetAsync(Conversations, sara))!.AsArray());
    }

    [Fact]
    public async Task ArchiveMuteDelete_PerUser_AffectOnlyTheCaller()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, id, "hello");

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Conversations}/{id}/archive", omar);
        Assert.Empty((await api.GetAsync(Conversations, omar))!.AsArray());
        Assert.Single((await api.GetAsync($"{Conversations}?archived=true", omar))!.AsArray());
        Assert.Single((await api.GetAsync(Conversations, sara))!.AsArray());
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Conversations}/{id}/unarchive", omar);

        var until = DateTime.UtcNow.AddHours(1);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Conversations}/{id}/mute", omar, new { until });
        var muted = await api.GetAsync($"{Conversations}/{id}", omar);
        Assert.True(muted!["is_muted"]!.GetValue<bool>());
        Assert.NotNull(muted["muted_until"]);
        Assert.False((await api.GetAsync($"{Conversations}/{id}", sara))!["is_muted"]!.GetValue<bool>());
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, $"{Conversations}/{id}/mute", omar, new { until = DateTime.UtcNow.AddHours(-1) });
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Conversations}/{id}/unmute", omar);
        Assert.False((await api.GetAsync($"{Conversations}/{id}", omar))!["is_muted"]!.GetValue<bool>());

        // Delete for me: gone from Omar's list and history, back (without the old history) when a new message comes.
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Conversations}/{id}", omar);
        Assert.Empty((await api.GetAsync(Conversations, omar))!.AsArray());
        Assert.Single((await api.GetAsync($"{Conversations}/{id}/messages", sara))!.AsArray());
        await api.SendMessageAsync(sara, id, "are you there?");
        var list = (await api.GetAsync(Conversations, omar))!.AsArray();
        Assert.Single(list);
        var omarHistory = (await api.GetAsync($"{Conversations}/{id}/messages", omar))!.AsArray();
        Assert.Equal("are you there?", Assert.Single(omarHistory)!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListConversations_NewestMessageFirst_WithUnreadCounts()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var lina = await api.CreateVerifiedUserAsync("Lina");
        var withOmar = await api.CreateDirectAsync(sara, omar);
        var withLina = await api.CreateDirectAsync(sara, lina);

        await api.SendMessageAsync(omar, withOmar, "one");
        await api.SendMessageAsync(omar, withOmar, "two");
        await api.SendMessageAsync(lina, withLina, "three");

        var list = (await api.GetAsync(Conversations, sara))!.AsArray();
        Assert.Equal([withLina, withOmar], list.Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal([1, 2], list.Select(c => c!["unread_count"]!.GetValue<int>()));
        Assert.Equal("three", list[0]!["last_message_preview"]!.GetValue<string>());

        var newest = (await api.GetAsync($"{Conversations}/{withOmar}/messages?limit=1", sara))!.AsArray()[0]!;
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Conversations}/{withOmar}/messages/{newest["id"]}/read", sara);
        Assert.Equal(0, (await api.GetAsync($"{Conversations}/{withOmar}", sara))!["unread_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListConversations_LimitOutOfRange_IsClamped()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        await api.CreateDirectAsync(sara, omar);

        Assert.Single((await api.GetAsync($"{Conversations}?limit=0", sara))!.AsArray());
        Assert.Single((await api.GetAsync($"{Conversations}?limit=100000", sara))!.AsArray());
    }

    internal static string IdOf(JsonNode? node) => node!["id"]!.GetValue<string>();
}

public sealed class ConversationApiTestsOnSqlite(SqliteAppFixture app) : ConversationApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class ConversationApiTestsOnPostgres(PostgresAppFixture app) : ConversationApiTests(app), IClassFixture<PostgresAppFixture>;
