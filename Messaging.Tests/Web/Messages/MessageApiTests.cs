using System.Net;
using Messaging.Tests.TestInfrastructure;

namespace Messaging.Tests.Web.Messages;

/// <summary>Messages through the HTTP API, on both providers.</summary>
public abstract class MessageApiTests(AppFixture app)
{
    private static string Messages(string conversationId) => $"/api/v1/messaging/conversations/{conversationId}/messages";

    [Fact]
    public async Task SendMessage_SameClientMessageIdTwice_ReturnsTheFirstWithoutDuplicate()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);

        var first = await api.ExpectAsync(HttpStatusCode.Created, HttpMethod.Post, Messages(id), sara, new { content = "hello", client_message_id = "abc-1" });
        var retry = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, Messages(id), sara, new { content = "hello", client_message_id = "abc-1" });

        Assert.Equal(first!["id"]!.GetValue<string>(), retry!["id"]!.GetValue<string>());
        Assert.Single((await api.GetAsync(Messages(id), omar))!.AsArray());
    }

    [Fact]
    public async Task SendMessage_ConcurrentRetriesOfOneClientMessageId_StoreOneMessage()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await api.SendAsync(HttpMethod.Post, Messages(id), sara, new { content = "once", client_message_id = "same" });
            return response.StatusCode;
        }));

        Assert.Single(statuses, HttpStatusCode.Created);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.OK));
        Assert.Single((await api.GetAsync(Messages(id), omar))!.AsArray());
    }

    [Fact]
    public async Task SendMessage_TenThousandCharacters_IsStoredWhole_AndOneMoreIsRejected()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var longest = string.Concat(Enumerable.Repeat("مرحبا abc ", 1000));

        var sent = await api.SendMessageAsync(sara, id, longest);
        Assert.Equal(10_000, sent["content"]!.GetValue<string>().Length);

        var problem = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Messages(id), sara, new { content = longest + "x" });
        Assert.Equal("content_too_long", problem!["code"]!.GetValue<string>());
        Assert.Contains("content", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Single((await api.GetAsync(Messages(id), omar))!.AsArray());
    }

    [Fact]
    public async Task SendMessage_EmptyOrWhitespace_IsRejected()
    {
        using var api = app.Host.CreateApi();
        var (sara, _, id) = await PairAsync(api);

        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Messages(id), sara, new { content = "   " });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Messages(id), sara, new { content = (string?)null });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Messages(id), sara, new { content = "x", message_type = "system" });
    }

    [Fact]
    public async Task EditAndDelete_BySender_UpdatesAndLeavesTombstone_OthersAreRefused()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var sent = await api.SendMessageAsync(sara, id, "draft");
        var messageId = sent["id"]!.GetValue<string>();

        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Patch, $"{Messages(id)}/{messageId}", omar, new { content = "hijack" });
        var edited = await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"{Messages(id)}/{messageId}", sara, new { content = "final" });
        Assert.True(edited!["is_edited"]!.GetValue<bool>());
        Assert.NotNull(edited["edited_at"]);
        Assert.Equal("final", (await api.GetAsync($"/api/v1/messaging/conversations/{id}", omar))!["last_message_preview"]!.GetValue<string>());

        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Delete, $"{Messages(id)}/{messageId}", omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Messages(id)}/{messageId}", sara);
        var tombstone = (await api.GetAsync(Messages(id), omar))!.AsArray().Single()!;
        Assert.True(tombstone["is_deleted"]!.GetValue<bool>());
        Assert.Equal("", tombstone["content"]!.GetValue<string>());
        Assert.NotNull(tombstone["deleted_at"]);
        await api.ExpectAsync(HttpStatusCode.Conflict, HttpMethod.Patch, $"{Messages(id)}/{messageId}", sara, new { content = "undo" });
    }

    [Fact]
    public async Task GroupAdmin_DeletesMembersMessage()
    {
        using var api = app.Host.CreateApi();
        var admin = await api.CreateVerifiedUserAsync("Admin");
        var member = await api.CreateVerifiedUserAsync("Member");
        var other = await api.CreateVerifiedUserAsync("Other");
        var id = await api.CreateGroupAsync(admin, "Team", member, other);
        var sent = await api.SendMessageAsync(member, id, "oops");

        await api.ExpectAsync(HttpStatusCode.Forbidden, HttpMethod.Delete, $"{Messages(id)}/{sent["id"]}", other);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"{Messages(id)}/{sent["id"]}", admin);
    }

    [Fact]
    public async Task ReplyAndThread_LinkMessages_AndCountRepliesOnTheRoot()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var root = await api.SendMessageAsync(sara, id, "root");
        var rootId = root["id"]!.GetValue<string>();

        var quote = await api.SendMessageAsync(omar, id, "quoting", new { reply_to_message_id = rootId });
        Assert.Equal(rootId, quote["reply_to_message_id"]!.GetValue<string>());
        await api.SendMessageAsync(omar, id, "in thread 1", new { thread_id = rootId });
        var reply = await api.SendMessageAsync(sara, id, "in thread 2", new { thread_id = rootId });

        // A thread reply cannot itself be a thread root, and foreign ids are refused.
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Messages(id), sara, new { content = "x", thread_id = reply["id"] });
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Post, Messages(id), sara, new { content = "x", reply_to_message_id = Guid.NewGuid() });

        var thread = (await api.GetAsync($"{Messages(id)}?thread_id={rootId}", omar))!.AsArray();
        Assert.Equal(["in thread 2", "in thread 1", "root"], thread.Select(m => m!["content"]!.GetValue<string>()));
        Assert.Equal(2, thread.Single(m => m!["id"]!.GetValue<string>() == rootId)!["reply_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task GetMessages_PagesBackwardsAndCatchesUpForward_WithoutGapsOrRepeats()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        for (var i = 1; i <= 25; i++)
        {
            await api.SendMessageAsync(i % 2 == 0 ? omar : sara, id, $"m{i}");
        }

        var seen = new List<long>();
        string? before = null;
        while (true)
        {
            var page = (await api.GetAsync($"{Messages(id)}?limit=10{(before is null ? "" : $"&before_message_id={before}")}", omar))!.AsArray();
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(m => m!["sequence"]!.GetValue<long>()));
            before = page[^1]!["id"]!.GetValue<string>();
        }

        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(i => (long)i), seen);

        var catchUp = (await api.GetAsync($"{Messages(id)}?after_sequence=20&limit=100", omar))!.AsArray();
        Assert.Equal([21L, 22, 23, 24, 25], catchUp.Select(m => m!["sequence"]!.GetValue<long>()));
        Assert.Equal("m21", catchUp[0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task MarkRead_MovesPointer_AndReadByIsDerived()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        await api.AcceptAsync(omar, id);
        var first = await api.SendMessageAsync(sara, id, "one");
        var second = await api.SendMessageAsync(sara, id, "two");

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Messages(id)}/{first["id"]}/read", omar);
        var history = (await api.GetAsync(Messages(id), sara))!.AsArray();
        var byContent = history.ToDictionary(m => m!["content"]!.GetValue<string>(), m => m!);
        Assert.Equal(omar.Id, byContent["one"]["read_by"]!.AsArray().Single()!["user_id"]!.GetValue<Guid>());
        Assert.Empty(byContent["two"]["read_by"]!.AsArray());
        Assert.Single(byContent["one"]["delivered_to"]!.AsArray());

        // Reading an older message later never moves the pointer back.
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Messages(id)}/{second["id"]}/read", omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Messages(id)}/{first["id"]}/read", omar);
        history = (await api.GetAsync(Messages(id), sara))!.AsArray();
        Assert.All(history, m => Assert.Single(m!["read_by"]!.AsArray()));
    }

    [Fact]
    public async Task ReadReceipts_TurnedOff_AreHiddenBothWays()
    {
        using var api = app.Host.CreateApi();
        var (sara, omar, id) = await PairAsync(api);
        var fromSara = await api.SendMessageAsync(sara, id, "to omar");
        var fromOmar = await api.SendMessageAsync(omar, id, "to sara");
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/v1/messaging/settings", omar, new { send_read_receipts = false });

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Messages(id)}/{fromSara["id"]}/read", omar);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Messages(id)}/{fromOmar["id"]}/read", sara);

        // Sara never sees Omar's reads; Omar, who shares none, sees nobody's.
        var sarasView = (await api.GetAsync(Messages(id), sara))!.AsArray();
        Assert.All(sarasView, m => Assert.DoesNotContain(m!["read_by"]!.AsArray(), r => r!["user_id"]!.GetValue<Guid>() == omar.Id));
        var omarsView = (await api.GetAsync(Messages(id), omar))!.AsArray();
        Assert.All(omarsView, m => Assert.Empty(m!["read_by"]!.AsArray()));
    }

    [Fact]
    public async Task ConcurrentSenders_TwentyAtOnce_GetSequencesOneToNWithoutGaps()
    {
        using var api = app.Host.CreateApi();
        var owner = await api.CreateVerifiedUserAsync("Owner");
        var members = new List<TestUser>();
        for (var i = 0; i < 9; i++)
        {
            members.Add(await api.CreateVerifiedUserAsync($"Sender {i}"));
        }

        var id = await api.CreateGroupAsync(owner, "Busy", [.. members]);
        var senders = members.Append(owner).ToArray();
        const int perSender = 2;

        // 20 concurrent requests at a time, 10 people each sending twice at once, three rounds.
        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(senders.SelectMany(s => Enumerable.Range(0, perSender).Select(i =>
                api.SendMessageAsync(s, id, $"r{round} {s.Name} {i}", new { client_message_id = $"{round}-{i}" }))));
        }

        var all = new List<long>();
        for (long after = 0; ;)
        {
            var page = (await api.GetAsync($"{Messages(id)}?after_sequence={after}&limit=100", owner))!.AsArray();
            if (page.Count == 0)
            {
                break;
            }

            all.AddRange(page.Select(m => m!["sequence"]!.GetValue<long>()));
            after = all[^1];
        }

        // Sequence 1 is the "group created" system message.
        Assert.Equal(Enumerable.Range(1, 1 + (senders.Length * perSender * 3)).Select(i => (long)i), all);
    }

    private static async Task<(TestUser Sara, TestUser Omar, string ConversationId)> PairAsync(ApiClient api)
    {
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        return (sara, omar, await api.CreateDirectAsync(sara, omar));
    }
}

public sealed class MessageApiTestsOnSqlite(SqliteAppFixture app) : MessageApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class MessageApiTestsOnPostgres(PostgresAppFixture app) : MessageApiTests(app), IClassFixture<PostgresAppFixture>;
