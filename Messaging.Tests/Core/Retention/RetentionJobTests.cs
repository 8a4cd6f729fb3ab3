using System.Net;
using Messaging.Core.Persistence;
using Messaging.Core.Retention;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Retention;

/// <summary>
/// The daily retention run on both databases: what is older than the period goes with everything attached to it,
/// what is newer stays, a group's own period beats the deployment's, and threads and quotes stay readable.
/// Messages are made old by moving their <c>SentAt</c> back; the job runs at the real time.
/// </summary>
public abstract class RetentionJobTests(AppFixture app)
{
    private static string Messages(string id) => $"/api/v1/messaging/conversations/{id}/messages";

    private RetentionJob Job => app.Host.Services.GetRequiredService<RetentionJob>();

    [Fact]
    public async Task Default_RemovesOldMessagesWithFilesReactionsAndSearchRows_KeepsNewer_AndRunningAgainChangesNothing()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Keeper");
        var omar = await api.CreateVerifiedUserAsync("Omar Keeper");
        var group = await api.CreateGroupAsync(sara, "Old times", omar);
        await api.AcceptAsync(omar, group);
        var file = await api.UploadOkAsync(sara, group, "the old minutes\n"u8.ToArray(), "minutes.txt");
        var fileId = file["id"]!.GetValue<string>();
        var withFile = await IdOf(api.SendMessageAsync(sara, group, "zebracrossing minutes attached", new { attachments = new[] { fileId } }));
        var reacted = await IdOf(api.SendMessageAsync(omar, group, "zebracrossing second thought"));
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Put, $"{Messages(group)}/{reacted}/reactions/{Uri.EscapeDataString("👍")}", sara);
        var recent = await IdOf(api.SendMessageAsync(sara, group, "zebracrossing fresh news"));
        await MakeOldAsync(40, withFile, reacted);
        Assert.Equal(2, (await SearchAsync(api, omar, "zebracrossing")).Count(r => r != recent));

        var removed = await Job.RemoveExpiredAsync(DateTime.UtcNow, defaultDays: 30);

        Assert.True(removed >= 2, $"removed {removed}");
        var history = (await api.GetAsync(Messages(group), omar))!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(recent, history);
        Assert.DoesNotContain(withFile, history);
        Assert.DoesNotContain(reacted, history);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DownloadAsync(omar, $"/api/v1/messaging/attachments/{fileId}")).StatusCode);
        Assert.Equal(new[] { recent }, await SearchAsync(api, omar, "zebracrossing"));
        await using (var db = await DbAsync())
        {
            var gone = new[] { Guid.Parse(withFile), Guid.Parse(reacted) };
            Assert.Equal(0, await db.Attachments.CountAsync(a => a.Id == Guid.Parse(fileId)));
            Assert.Equal(0, await db.Reactions.CountAsync(r => gone.Contains(r.MessageId)));
            Assert.Equal(0, await db.Messages.CountAsync(m => gone.Contains(m.Id)));
        }

        Assert.Equal(0, await Job.RemoveExpiredAsync(DateTime.UtcNow, defaultDays: 30));
    }

    [Fact]
    public async Task GroupSetting_BeatsTheDefault_BothWays()
    {
        using var api = app.Host.CreateApi();
        var admin = await api.CreateVerifiedUserAsync("Admin Periods");
        var member = await api.CreateVerifiedUserAsync("Member Periods");
        var shortGroup = await api.CreateGroupAsync(admin, "Short memory", member);
        var foreverGroup = await api.CreateGroupAsync(admin, "Archive forever", member);
        var defaultGroup = await api.CreateGroupAsync(admin, "Follows default", member);
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/v1/messaging/conversations/{shortGroup}", admin, new { retention_days = 7 });
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/v1/messaging/conversations/{foreverGroup}", admin, new { retention_days = 0 });
        var inShort = await IdOf(api.SendMessageAsync(admin, shortGroup, "ten days ago"));
        var inForever = await IdOf(api.SendMessageAsync(admin, foreverGroup, "ten years ago"));
        var inDefault = await IdOf(api.SendMessageAsync(admin, defaultGroup, "forty days ago"));
        await MakeOldAsync(10, inShort);
        await MakeOldAsync(3650, inForever);
        await MakeOldAsync(40, inDefault);

        // No default: only the group that chose 7 days loses anything.
        await Job.RemoveExpiredAsync(DateTime.UtcNow, defaultDays: 0);
        Assert.False(await ExistsAsync(inShort));
        Assert.True(await ExistsAsync(inDefault));

        // A default of 30 days: the group that chose "forever" keeps its message; the one following the default does not.
        await Job.RemoveExpiredAsync(DateTime.UtcNow, defaultDays: 30);
        Assert.True(await ExistsAsync(inForever));
        Assert.False(await ExistsAsync(inDefault));
    }

    [Fact]
    public async Task PinnedOldMessage_Goes_ThreadRootWithNewReply_StaysAsTombstone_QuoteOfRemovedMessageStillReads()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Threads");
        var omar = await api.CreateVerifiedUserAsync("Omar Threads");
        var direct = await api.CreateDirectAsync(sara, omar);
        await api.AcceptAsync(omar, direct);
        var pinned = await IdOf(api.SendMessageAsync(sara, direct, "the wifi password is in the drawer"));
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Post, $"{Messages(direct)}/{pinned}/pin", sara);
        var root = await IdOf(api.SendMessageAsync(sara, direct, "thread about the trip"));
        var quoted = await IdOf(api.SendMessageAsync(omar, direct, "an old remark"));
        var oldReply = await IdOf(api.SendMessageAsync(omar, direct, "first answer in the thread", new { thread_id = root }));
        var newReply = await IdOf(api.SendMessageAsync(omar, direct, "a fresh answer in the thread", new { thread_id = root }));
        var quote = await IdOf(api.SendMessageAsync(sara, direct, "about that remark", new { reply_to_message_id = quoted }));
        await MakeOldAsync(40, pinned, root, quoted, oldReply);

        await Job.RemoveExpiredAsync(DateTime.UtcNow, defaultDays: 30);

        Assert.Empty((await api.GetAsync($"/api/v1/messaging/conversations/{direct}/pins", sara))!.AsArray());
        Assert.False(await ExistsAsync(pinned));
        Assert.False(await ExistsAsync(oldReply));
        Assert.False(await ExistsAsync(quoted));
        // The root keeps the thread open, emptied; its count is what is left.
        var thread = (await api.GetAsync($"{Messages(direct)}?thread_id={root}", omar))!.AsArray();
        var rootView = thread.Single(m => m!["id"]!.GetValue<string>() == root)!;
        Assert.True(rootView["is_deleted"]!.GetValue<bool>());
        Assert.Equal("", rootView["content"]!.GetValue<string>());
        Assert.Equal(1, rootView["reply_count"]!.GetValue<int>());
        Assert.Contains(thread, m => m!["id"]!.GetValue<string>() == newReply);
        // The quote still reads, pointing at a message that is no longer there.
        var quoteView = (await api.GetAsync(Messages(direct), sara))!.AsArray().Single(m => m!["id"]!.GetValue<string>() == quote)!;
        Assert.Equal(quoted, quoteView["reply_to_message_id"]!.GetValue<string>());

        // Once the last reply is old too, the root goes with it.
        await MakeOldAsync(40, newReply);
        await Job.RemoveExpiredAsync(DateTime.UtcNow, defaultDays: 30);
        Assert.False(await ExistsAsync(root));
        Assert.False(await ExistsAsync(newReply));
    }

    [Fact]
    public async Task AfterTheOldestAreGone_PagingBySequenceAndCatchUpStillWork()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara Pages");
        var omar = await api.CreateVerifiedUserAsync("Omar Pages");
        var direct = await api.CreateDirectAsync(sara, omar);
        var ids = new List<string>();
        for (var i = 1; i <= 6; i++)
        {
            ids.Add(await IdOf(api.SendMessageAsync(sara, direct, $"line {i}")));
        }

        var sequences = (await api.GetAsync(Messages(direct), sara))!.AsArray()
            .ToDictionary(m => m!["id"]!.GetValue<string>(), m => m!["sequence"]!.GetValue<long>());
        await MakeOldAsync(40, ids[0], ids[1], ids[2]);
        await Job.RemoveExpiredAsync(DateTime.UtcNow, defaultDays: 30);

        // Catch-up from before the gap reads what is left, oldest first.
        var caughtUp = (await api.GetAsync($"{Messages(direct)}?after_sequence=0", omar))!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Skip(3), caughtUp.Where(ids.Contains));
        // A page before the sequence of a removed message answers, where its id no longer can.
        var older = (await api.GetAsync($"{Messages(direct)}?before_sequence={sequences[ids[4]]}&limit=10", omar))!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { ids[3] }, older.Where(ids.Contains));
        Assert.DoesNotContain((await api.GetAsync($"{Messages(direct)}?before_sequence={sequences[ids[2]]}", omar))!.AsArray(),
            m => ids.Contains(m!["id"]!.GetValue<string>()));
    }

    private static async Task<string> IdOf(Task<System.Text.Json.Nodes.JsonNode> sent) => (await sent)["id"]!.GetValue<string>();

    private static async Task<List<string>> SearchAsync(ApiClient api, TestUser user, string query) =>
        (await api.GetAsync($"/api/v1/messaging/search?query={Uri.EscapeDataString(query)}", user))!.AsArray().Select(r => r!["message_id"]!.GetValue<string>()).ToList();

    private async Task<MessagingDbContext> DbAsync() =>
        await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();

    private async Task<bool> ExistsAsync(string id)
    {
        await using var db = await DbAsync();
        return await db.Messages.AnyAsync(m => m.Id == Guid.Parse(id));
    }

    /// <summary>Moves messages <paramref name="days"/> days into the past, as if they had been sent then.</summary>
    private async Task MakeOldAsync(int days, params string[] ids)
    {
        var guids = ids.Select(Guid.Parse).ToArray();
        var then = DateTime.UtcNow.AddDays(-days);
        await using var db = await DbAsync();
        Assert.Equal(ids.Length, await db.Messages.Where(m => guids.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, then)));
    }
}

public sealed class RetentionJobTestsOnSqlite(SqliteAppFixture app) : RetentionJobTests(app), IClassFixture<SqliteAppFixture>;

public sealed class RetentionJobTestsOnPostgres(PostgresAppFixture app) : RetentionJobTests(app), IClassFixture<PostgresAppFixture>;
