using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Search;

/// <summary>
/// On SQLite a member-first search names the caller's conversations to FTS5 (ADR 0054). That must find exactly what
/// the search by readable rowids finds, with the same scores as the unscoped index; a caller in too many
/// conversations falls back to the rowids; and an index of the earlier, text-only shape is rebuilt once.
/// </summary>
public sealed class SearchScopeTests
{
    [Fact]
    public async Task ScopedToConversations_SameMatchesAndScoresAsReadableRowidsAndTheWholeIndex()
    {
        await using var host = await CoreTestHost.CreateAsync();
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var lina = await host.CreateUserAsync("Lina");
        var group = await host.CreateGroupAsync(sara, "Harbour", omar, lina);
        var direct = await host.CreateDirectAsync(sara, omar);
        var elsewhere = await host.CreateDirectAsync(omar, lina);
        var send = host.Get<SendMessageHandler>();
        await send.HandleAsync(sara.Id, new SendMessage(group, "harbour trip at noon"));
        await send.HandleAsync(omar.Id, new SendMessage(group, "the harbour, the harbour again and again and again"));
        await send.HandleAsync(omar.Id, new SendMessage(direct, "harbour"));
        var linasMessage = (await send.HandleAsync(lina.Id, new SendMessage(elsewhere, "harbour lights for Omar only"))).Message.Id;
        await send.HandleAsync(sara.Id, new SendMessage(direct, "no boats today"));
        var scope = await host.QueryAsync(db => SearchMatches.ScopeAsync(db, sara.Id, null, CancellationToken.None));
        Assert.Equal(new[] { group, direct }.Order(), scope!.Order());

        // Whole words: scored here from the kept counts; compared with FTS5's bm25() over readable rowids and the whole index.
        foreach (var text in new[] { "harbour", "harbour again", "again harbours harbour" })
        {
            var (scoped, byRowids, whole) = await ThreeWaysAsync(host, text, sara.Id, null);
            Assert.NotEmpty(scoped);
            Assert.Equal(byRowids, scoped);
            Assert.Equal(whole.Where(w => scoped.Any(s => s.MessageId == w.MessageId)), scoped);
            Assert.DoesNotContain(scoped, m => m.MessageId == linasMessage);
        }

        var (all, _, everywhere) = await ThreeWaysAsync(host, "harbour", sara.Id, null);
        Assert.Equal(3, all.Count); // not Lina's message to Omar
        Assert.Equal(4, everywhere.Count);
        Assert.Equal(3, all.Select(m => m.Score).Distinct().Count()); // different lengths and counts: different scores
        var (inDirect, inDirectByRowids, _) = await ThreeWaysAsync(host, "harbour", sara.Id, direct);
        Assert.Equal(all.Where(inDirect.Contains), inDirect);
        Assert.Single(inDirect);
        Assert.Equal(inDirectByRowids, inDirect);

        // A prefix that two words start with: asked for as both words, scored here like FTS5 scores them.
        await send.HandleAsync(sara.Id, new SendMessage(group, "harbourside cafe"));
        var (typed, typedByRowids, _) = await ThreeWaysAsync(host, "harb", sara.Id, null);
        Assert.Equal(4, typed.Count);
        Assert.Equal(typedByRowids, typed);
    }

    [Fact]
    public async Task BestScoredFirst_FiltersThatRemoveThemAll_StillFindThePage()
    {
        await using var host = await CoreTestHost.CreateAsync();
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var group = await host.CreateGroupAsync(sara, "Harbour", omar);
        var send = host.Get<SendMessageHandler>();
        for (var i = 0; i < 12; i++)
        {
            await send.HandleAsync(omar.Id, new SendMessage(group, $"harbour harbour {i}")); // short and repeated: the best scores
        }

        for (var i = 0; i < 3; i++)
        {
            await send.HandleAsync(sara.Id, new SendMessage(group, $"the harbour was calm this morning and the boats were out early {i}"));
        }

        var search = host.Get<SearchMessagesHandler>();
        foreach (var request in new[]
        {
            new SearchRequest("harbour", Limit: 2), // the best 8 hold the page
            new SearchRequest("harbour", FromUserId: sara.Id, Limit: 2), // the best 8 are all Omar's: everything is ranked
            new SearchRequest("harbour", Limit: 5, Offset: 10),
        })
        {
            var memberFirst = await search.HandleAsync(sara.Id, request, SearchPlan.MemberFirst);
            var indexFirst = await search.HandleAsync(sara.Id, request, SearchPlan.IndexFirst);
            Assert.Equal(indexFirst.Select(r => (r.MessageId, r.RelevanceScore)), memberFirst.Select(r => (r.MessageId, r.RelevanceScore)));
            Assert.Equal(request.Take, memberFirst.Count);
        }

        Assert.All(await search.HandleAsync(sara.Id, new SearchRequest("harbour", FromUserId: sara.Id, Limit: 2), SearchPlan.MemberFirst),
            r => Assert.Equal(sara.Id, r.SenderId));
    }

    [Fact]
    public async Task MoreConversationsThanTheScopeHolds_SearchedByReadableRowids()
    {
        await using var host = await CoreTestHost.CreateAsync();
        var sara = await host.CreateUserAsync("Sara");
        var send = host.Get<SendMessageHandler>();
        Guid last = default;
        for (var i = 0; i <= SearchMatches.MaxScopedConversations; i++)
        {
            last = await host.CreateDirectAsync(sara, await host.CreateUserAsync($"Contact {i}"));
        }

        await send.HandleAsync(sara.Id, new SendMessage(last, "lighthouse keeper"));
        Assert.Null(await host.QueryAsync(db => SearchMatches.ScopeAsync(db, sara.Id, null, CancellationToken.None)));
        Assert.NotNull(await host.QueryAsync(db => SearchMatches.ScopeAsync(db, sara.Id, last, CancellationToken.None)));
        var found = await host.Get<SearchMessagesHandler>().HandleAsync(sara.Id, new SearchRequest("lighthouse"), SearchPlan.MemberFirst);
        Assert.Equal(last, Assert.Single(found).ConversationId);
    }

    [Fact]
    public async Task IndexAndWordListOfTheEarlierShape_AreRebuiltOnce_AndKeptUpToDate()
    {
        await using var host = await CoreTestHost.CreateAsync();
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);
        var send = host.Get<SendMessageHandler>();
        await send.HandleAsync(sara.Id, new SendMessage(direct, "harbour at noon"));
        // The index as the first release made it: text only.
        await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""
            DROP TRIGGER "MessageSearch_insert"; DROP TRIGGER "MessageSearch_delete"; DROP TRIGGER "MessageSearch_update"; DROP TABLE "MessageSearch";
            CREATE VIRTUAL TABLE "MessageSearch" USING fts5("SearchText", content='Messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0');
            INSERT INTO "MessageSearch"("MessageSearch") VALUES ('rebuild');
            DROP TRIGGER "MessageSearchTerms_insert"; DROP TRIGGER "MessageSearchTerms_update"; DROP TRIGGER "MessageSearchTerms_delete"; DROP TABLE "MessageSearchTerms";
            CREATE TABLE "MessageSearchTerms" ("Term" TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;
            CREATE TRIGGER "MessageSearchTerms_insert" AFTER INSERT ON "Messages" BEGIN SELECT 1; END;
            CREATE TRIGGER "MessageSearchTerms_update" AFTER UPDATE OF "SearchText" ON "Messages" BEGIN SELECT 1; END;
            """));

        await host.QueryAsync(async db =>
        {
            await SqliteSearchIndex.EnsureAsync(db, CancellationToken.None);
            await SqliteSearchIndex.EnsureAsync(db, CancellationToken.None); // once only
            await SqliteSearchTerms.EnsureAsync(db, CancellationToken.None);
            await SqliteSearchTerms.EnsureAsync(db, CancellationToken.None);
            return 0;
        });
        Assert.Contains("\"ConversationId\"", await DefinitionAsync(host), StringComparison.Ordinal);
        Assert.Empty(await SearchWordList.MiscountedAsync(host)); // the word list of ADR 0053 was replaced by one with counts
        await send.HandleAsync(omar.Id, new SendMessage(direct, "the harbour again"));
        var search = host.Get<SearchMessagesHandler>();
        Assert.Equal(2, (await search.HandleAsync(sara.Id, new SearchRequest("harbour"), SearchPlan.MemberFirst)).Count);
        Assert.Equal(2, (await search.HandleAsync(sara.Id, new SearchRequest("harbour"), SearchPlan.IndexFirst)).Count);
        // The index agrees with its content table (FTS5 re-reads the text and conversation of every message).
        await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""INSERT INTO "MessageSearch"("MessageSearch", rank) VALUES ('integrity-check', 1)"""));
    }

    /// <summary>The caller's matches as searched (scoped when few conversations), by readable rowids, and the whole index's.</summary>
    private static async Task<(List<(Guid MessageId, double Score)> Scoped, List<(Guid MessageId, double Score)> ByRowids, List<(Guid MessageId, double Score)> Whole)> ThreeWaysAsync(
        CoreTestHost host, string text, Guid userId, Guid? conversationId)
    {
        var query = SearchQuery.Parse(text);
        var wholeWords = await host.QueryAsync(db => SqliteSearchTerms.WholeWordsAsync(db, query, CancellationToken.None));
        var fts5 = query.ToFts5(wholeWords);
        return (
            await host.QueryAsync(async db => Sorted(await (await SearchMatches.AmongReadableAsync(db, query, wholeWords, userId, conversationId, window: 1000, CancellationToken.None)).All.ToListAsync())),
            await MatchesAsync(host, db => SearchMatches.AmongReadable(db, query, fts5, userId, conversationId)),
            await MatchesAsync(host, db => SearchMatches.For(db, query, fts5)));
    }

    private static List<(Guid MessageId, double Score)> Sorted(List<SearchMatch> matches) => matches.Select(m => (m.MessageId, m.Score)).Order().ToList();

    private static Task<List<(Guid MessageId, double Score)>> MatchesAsync(CoreTestHost host, Func<MessagingDbContext, IQueryable<SearchMatch>> matches) =>
        host.QueryAsync(async db => Sorted(await matches(db).ToListAsync()));

    [Fact]
    public async Task WordCounts_FollowSendsEditsAndDeletes_AsFts5CountsThem()
    {
        await using var host = await CoreTestHost.CreateAsync();
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);
        var send = host.Get<SendMessageHandler>();
        var change = host.Get<ChangeMessageHandler>();
        var first = (await send.HandleAsync(sara.Id, new SendMessage(direct, "harbour harbour at noon"))).Message.Id;
        var second = (await send.HandleAsync(omar.Id, new SendMessage(direct, "المرفأ عند الظهر harbour"))).Message.Id;
        var third = (await send.HandleAsync(omar.Id, new SendMessage(direct, "noon tea"))).Message.Id;
        Assert.Empty(await SearchWordList.MiscountedAsync(host));
        Assert.Equal(2, await DocumentsAsync(host, "harbour")); // messages, not occurrences

        await change.EditAsync(sara.Id, direct, first, "lighthouse at noon");
        await change.DeleteAsync(omar.Id, direct, second);
        Assert.Empty(await SearchWordList.MiscountedAsync(host));
        Assert.Equal(0, await DocumentsAsync(host, "harbour"));
        // Removed outright (retention, a deleted account): counted out by the delete trigger.
        await host.QueryAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM \"Messages\" WHERE \"Id\" = {third}"));
        Assert.Empty(await SearchWordList.MiscountedAsync(host));
        Assert.Equal(1, await DocumentsAsync(host, "noon"));
    }

    private static Task<long> DocumentsAsync(CoreTestHost host, string word) => host.QueryAsync(db =>
        db.Database.SqlQuery<long>($"SELECT \"Documents\" AS \"Value\" FROM \"MessageSearchTerms\" WHERE \"Term\" = {word}").SingleAsync());

    private static Task<string> DefinitionAsync(CoreTestHost host) => host.QueryAsync(db =>
        db.Database.SqlQuery<string>($"SELECT sql AS \"Value\" FROM sqlite_master WHERE name = 'MessageSearch'").SingleAsync());
}
