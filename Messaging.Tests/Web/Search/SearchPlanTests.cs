using System.Globalization;
using System.Net;
using System.Text;
using Messaging.Core.Persistence;
using Messaging.Core.Search;
using Messaging.Tests.TestInfrastructure;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Web.Search;

/// <summary>
/// Both search plans (ADR 0037) return exactly the same results: the same messages, order, scores, highlights and
/// pages, for every kind of reader (newcomer without shared history, one with it, a removed member, a stranger),
/// with deleted messages and an encrypted conversation in the mix.
/// </summary>
public abstract class SearchPlanTests(AppFixture app)
{
    [Fact]
    public async Task BothPlans_SameQueries_ReturnTheSameResultsInTheSameOrder()
    {
        using var api = app.Host.CreateApi();
        var owner = await api.CreateVerifiedUserAsync("Owner");
        var member = await api.CreateVerifiedUserAsync("Member");
        var leaver = await api.CreateVerifiedUserAsync("Leaver");
        var newcomer = await api.CreateVerifiedUserAsync("Newcomer");
        var historian = await api.CreateVerifiedUserAsync("Historian");
        var stranger = await api.CreateVerifiedUserAsync("Stranger");
        // A word of this test only, so other tests' messages in the shared database do not change the counts.
        var word = "harbour" + Guid.NewGuid().ToString("N")[..6];
        var group = await api.CreateGroupAsync(owner, "Harbour", member, leaver);
        var direct = await api.CreateDirectAsync(owner, member);
        var secret = await api.CreateDirectAsync(member, owner, encrypted: true);

        var sent = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var from = (i % 3) switch { 0 => owner, 1 => member, _ => leaver };
            var text = (i % 3) switch
            {
                0 => $"trip to the {word} on day {i}",
                1 => $"{word} {word} again, the trip {word}s are long",
                _ => $"المدينة و{word} بعد الظهر {i}",
            };
            sent.Add((await api.SendMessageAsync(from, group, text))["id"]!.GetValue<string>());
        }

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/messaging/conversations/{group}/participants", owner,
            new { user_ids = new[] { newcomer.Id }, share_history = false });
        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/v1/messaging/conversations/{group}/participants", owner,
            new { user_ids = new[] { historian.Id }, share_history = true });
        for (var i = 0; i < 4; i++)
        {
            await api.SendMessageAsync(i % 2 == 0 ? owner : member, group, $"after the newcomers: {word} trip number {i}");
            await api.SendMessageAsync(member, direct, $"direct {word} note {i} about the trip");
            await api.SendMessageAsync(owner, secret, $"secret {word} plan {i}");
        }

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/messaging/conversations/{group}/messages/{sent[3]}", owner);
        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/messaging/conversations/{group}/participants/{leaver.Id}", owner);

        var handler = app.Host.Services.GetRequiredService<SearchMessagesHandler>();
        var requests = new List<SearchRequest>
        {
            new(word),
            new(word, Limit: 3),
            new(word, Limit: 3, Offset: 3),
            new(word, Limit: 4, Offset: 7),
            new($"trip {word}"),
            new($"{word} trip"),
            new(word[..5]),
            new($"مدينه {word}"),
            new(word, ConversationId: Guid.Parse(group)),
            new(word, ConversationId: Guid.Parse(secret)),
            new(word, FromUserId: member.Id),
            new(word, After: DateTime.UtcNow.AddMinutes(-30), Before: DateTime.UtcNow.AddMinutes(30)),
            new(word, After: DateTime.UtcNow.AddMinutes(30)),
            new(word, Has: "link"),
        };
        var readers = new Dictionary<Guid, TestUser[]>
        {
            [Guid.Parse(group)] = [owner, member, newcomer, historian],
            [Guid.Parse(secret)] = [owner, member],
        };
        var found = new Dictionary<string, int>();
        foreach (var (name, user) in new[] { ("owner", owner), ("member", member), ("leaver", leaver), ("newcomer", newcomer), ("historian", historian), ("stranger", stranger) })
        {
            foreach (var request in requests)
            {
                if (request.ConversationId is { } only && !readers[only].Contains(user))
                {
                    continue; // refused for non-members before any plan is chosen (MembershipTests)
                }

                var indexFirst = Describe(await handler.HandleAsync(user.Id, request, SearchPlan.IndexFirst));
                var memberFirst = Describe(await handler.HandleAsync(user.Id, request, SearchPlan.MemberFirst));
                Assert.True(indexFirst == memberFirst, $"{name}, {request}:\nindex-first:\n{indexFirst}\nmember-first:\n{memberFirst}");
                found[name] = found.GetValueOrDefault(name) + indexFirst.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            }
        }

        // The comparison is only worth something if the readers see different, non-empty sets.
        Assert.True(found["owner"] > found["newcomer"] && found["newcomer"] > 0, string.Join(", ", found));
        Assert.True(found["historian"] > found["newcomer"], string.Join(", ", found));
        Assert.Equal(0, found["stranger"]);
        Assert.Equal(0, found["leaver"]);
        var all = await handler.HandleAsync(owner.Id, new SearchRequest(word, Limit: 50), SearchPlan.MemberFirst);
        Assert.DoesNotContain(all, r => r.MessageId == Guid.Parse(sent[3]));
        Assert.Contains(all, r => r.ConversationId == Guid.Parse(secret));
        Assert.Equal(17, all.Count); // 6 + 4 in the group less one deleted, 4 direct, 4 encrypted
    }

    [Fact]
    public async Task Automatic_CallerWhoReadsFewMessages_IsPlannedMemberFirst()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, id, "one message");
        await using var db = await app.Host.Services.GetRequiredService<IDbContextFactory<MessagingDbContext>>().CreateDbContextAsync();

        Assert.Equal(SearchPlan.MemberFirst, await SearchPlanner.ChooseAsync(db, sara.Id, null, SearchPlan.Automatic, CancellationToken.None));
        await db.Conversations.Where(c => c.Id == Guid.Parse(id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSequence, SearchPlanner.MemberFirstBelow));
        Assert.Equal(SearchPlan.IndexFirst, await SearchPlanner.ChooseAsync(db, sara.Id, null, SearchPlan.Automatic, CancellationToken.None));
        Assert.Equal(SearchPlan.MemberFirst, await SearchPlanner.ChooseAsync(db, sara.Id, null, SearchPlan.MemberFirst, CancellationToken.None));
    }

    private static string Describe(IReadOnlyList<MessageSearchResult> results)
    {
        var text = new StringBuilder();
        foreach (var r in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.MessageId} {r.ConversationId} {r.Sequence} {r.RelevanceScore:R} {r.SentAt:O} {r.Highlight}\n");
        }

        return text.ToString();
    }
}

public sealed class SearchPlanTestsOnSqlite(SqliteAppFixture app) : SearchPlanTests(app), IClassFixture<SqliteAppFixture>;

public sealed class SearchPlanTestsOnPostgres(PostgresAppFixture app) : SearchPlanTests(app), IClassFixture<PostgresAppFixture>;
