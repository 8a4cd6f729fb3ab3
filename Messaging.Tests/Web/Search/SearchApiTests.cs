using System.Net;
using Messaging.Tests.TestInfrastructure;
using static Messaging.Tests.Web.Search.SearchRequests;

namespace Messaging.Tests.Web.Search;

public abstract class SearchApiTests(AppFixture app)
{
    [Fact]
    public async Task Search_ArabicSpellingVariants_FindTheSameMessages()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, id, "اجتماع المدرسة غداً مع أحمد");
        await api.SendMessageAsync(omar, id, "Café meeting moved");

        var arabic = await FindAsync(api, omar, "مدرسه", $"&conversation_id={id}");
        var hit = Assert.Single(arabic);
        Assert.Equal("اجتماع <mark>المدرسة</mark> غداً مع أحمد", hit!["highlight"]!.GetValue<string>());
        var span = Assert.Single(hit["highlights"]!.AsArray());
        Assert.Equal("المدرسة", "اجتماع المدرسة غداً مع أحمد".Substring(span!["start"]!.GetValue<int>(), span["length"]!.GetValue<int>()));
        Assert.Equal(1, hit["sequence"]!.GetValue<long>());
        Assert.Equal(sara.Id.ToString(), hit["sender_id"]!.GetValue<string>());
        Assert.Single(await FindAsync(api, omar, "احمد", $"&conversation_id={id}"));
        var latin = await FindAsync(api, sara, "CAFE", $"&conversation_id={id}");
        Assert.Equal("Café meeting moved", Assert.Single(latin)!["content"]!.GetValue<string>());
        Assert.Equal(id, latin[0]!["conversation_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_TooShortQuery_Is400_AndLimitIsClamped()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        for (var i = 0; i < 3; i++)
        {
            await api.SendMessageAsync(sara, id, $"budget item {i}");
        }

        var problem = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, SearchUrl + "b", sara);
        Assert.Equal("query_too_short", problem!["code"]?.GetValue<string>());
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, SearchUrl + "%21%3F", sara);
        Assert.Equal(3, (await FindAsync(api, sara, "budget", $"&conversation_id={id}&limit=500")).Count);
        Assert.Single(await FindAsync(api, sara, "budget", $"&conversation_id={id}&limit=1"));
    }

    [Fact]
    public async Task Search_RecallSet_EveryQueryFindsItsMessage_AndMissesAreMissed()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        var failures = await RecallFailuresAsync(api, sara, omar, id);

        Assert.True(SearchRecallSet.Pairs.Count >= 50);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Search_BestMatchFirstThenNewest_PagedByOffset()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        await api.SendMessageAsync(sara, id, "invoice invoice invoice, the invoice for the invoice");
        var older = await api.SendMessageAsync(sara, id, "a long message that mentions the invoice once among many other words about lunch and weather");
        var newer = await api.SendMessageAsync(sara, id, "a long message that mentions the invoice once among many other words about lunch and weather too");

        var all = await FindAsync(api, omar, "invoice", $"&conversation_id={id}");
        Assert.Equal(3, all.Count);
        Assert.StartsWith("invoice invoice", all[0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var scores = all.Select(r => r!["relevance_score"]!.GetValue<double>()).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        var page = await FindAsync(api, omar, "invoice", $"&conversation_id={id}&limit=1&offset=2");
        Assert.Equal(all[2]!["message_id"]!.GetValue<string>(), Assert.Single(page)!["message_id"]!.GetValue<string>());
        Assert.Contains(all.Skip(1), r => r!["message_id"]!.GetValue<string>() == newer["id"]!.GetValue<string>());
        Assert.Contains(all.Skip(1), r => r!["message_id"]!.GetValue<string>() == older["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_Filters_SenderLinkAndTime()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        var link = await api.SendMessageAsync(sara, id, "the roadmap is at https://example.com/roadmap");
        var plain = await api.SendMessageAsync(omar, id, "roadmap looks good");

        Assert.Equal(2, (await FindAsync(api, sara, "roadmap", $"&conversation_id={id}")).Count);
        var fromOmar = await FindAsync(api, sara, "roadmap", $"&from_user_id={omar.Id}");
        Assert.Equal(plain["id"]!.GetValue<string>(), Assert.Single(fromOmar)!["message_id"]!.GetValue<string>());
        var links = await FindAsync(api, sara, "roadmap", $"&conversation_id={id}&has=link");
        Assert.Equal(link["id"]!.GetValue<string>(), Assert.Single(links)!["message_id"]!.GetValue<string>());
        Assert.Empty(await FindAsync(api, sara, "roadmap", $"&conversation_id={id}&has=image"));
        var sentAt = plain["sent_at"]!.GetValue<DateTime>().ToUniversalTime();
        var before = await FindAsync(api, sara, "roadmap", $"&conversation_id={id}&before={Uri.EscapeDataString(sentAt.ToString("O"))}");
        Assert.Equal(link["id"]!.GetValue<string>(), Assert.Single(before)!["message_id"]!.GetValue<string>());
        // The API's timestamps may be coarser than the stored ones: a millisecond later is after the newest message.
        Assert.Empty(await FindAsync(api, sara, "roadmap", $"&conversation_id={id}&after={Uri.EscapeDataString(sentAt.AddMilliseconds(1).ToString("O"))}"));
        var after = await FindAsync(api, sara, "roadmap", $"&conversation_id={id}&after={Uri.EscapeDataString(link["sent_at"]!.GetValue<DateTime>().ToUniversalTime().AddMilliseconds(1).ToString("O"))}");
        Assert.Equal(plain["id"]!.GetValue<string>(), Assert.Single(after)!["message_id"]!.GetValue<string>());

        var bad = await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, SearchUrl + "roadmap&has=video", sara);
        Assert.Equal("validation_failed", bad!["code"]?.GetValue<string>());
        await api.ExpectAsync(HttpStatusCode.BadRequest, HttpMethod.Get, SearchUrl + "roadmap&before=yesterday", sara);
    }

    [Fact]
    public async Task Search_OnlyTheCallersConversations_RemovedMembersLoseResults()
    {
        using var api = app.Host.CreateApi();
        var owner = await api.CreateVerifiedUserAsync("Owner");
        var member = await api.CreateVerifiedUserAsync("Member");
        var outsider = await api.CreateVerifiedUserAsync("Outsider");
        var group = await api.CreateGroupAsync(owner, "Plans", member, outsider);
        var word = "zanzibar" + Guid.NewGuid().ToString("N")[..6];
        await api.SendMessageAsync(owner, group, $"trip to {word} next month");
        var stranger = await api.CreateVerifiedUserAsync("Stranger");

        Assert.Single(await FindAsync(api, member, word));
        Assert.Empty(await FindAsync(api, stranger, word));
        await api.ExpectAsync(HttpStatusCode.NotFound, HttpMethod.Get, SearchUrl + word + "&conversation_id=" + group, stranger);

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, $"/api/v1/messaging/conversations/{group}/participants/{member.Id}", owner);
        Assert.Empty(await FindAsync(api, member, word));
        Assert.Single(await FindAsync(api, outsider, word));
    }

    [Fact]
    public async Task Search_EditAndDelete_UpdateTheIndex()
    {
        using var api = app.Host.CreateApi();
        var sara = await api.CreateVerifiedUserAsync("Sara");
        var omar = await api.CreateVerifiedUserAsync("Omar");
        var id = await api.CreateDirectAsync(sara, omar);
        var sent = await api.SendMessageAsync(sara, id, "lunch at the harbour");
        var path = $"/api/v1/messaging/conversations/{id}/messages/{sent["id"]!.GetValue<string>()}";

        await api.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, path, sara, new { content = "dinner at the station" });
        Assert.Empty(await FindAsync(api, omar, "harbour", $"&conversation_id={id}"));
        Assert.Single(await FindAsync(api, omar, "station", $"&conversation_id={id}"));

        await api.ExpectAsync(HttpStatusCode.NoContent, HttpMethod.Delete, path, sara);
        Assert.Empty(await FindAsync(api, omar, "station", $"&conversation_id={id}"));
    }
}

public sealed class SearchApiTestsOnSqlite(SqliteAppFixture app) : SearchApiTests(app), IClassFixture<SqliteAppFixture>;

public sealed class SearchApiTestsOnPostgres(PostgresAppFixture app) : SearchApiTests(app), IClassFixture<PostgresAppFixture>;
