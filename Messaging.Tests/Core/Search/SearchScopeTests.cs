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
        await send.HandleAsync(lina.Id, new SendMessage(elsewhere, "harbour lights for Omar only"));
        await send.HandleAsync(sara.Id, new SendMessage(direct, "no boats today"));
        var query = SearchQuery.Parse("harbour");
        var fts5 = query.ToFts5();

        var scope = await host.QueryAsync(db => SearchMatches.ScopeAsync(db, sara.Id, null, CancellationToken.None));
        Assert.Equal(new[] { group, direct }.Order(), scope!.Order());
        var scoped = await MatchesAsync(host, db => SearchMatches.AmongReadable(db, query, fts5, sara.Id, null, scope));
        var byRowids = await MatchesAsync(host, db => SearchMatches.AmongReadable(db, query, fts5, sara.Id, null, null));
        var whole = await MatchesAsync(host, db => SearchMatches.For(db, query, fts5));
        Assert.Equal(3, scoped.Count); // not Lina's message to Omar
        Assert.Equal(byRowids, scoped);
        Assert.Equal(whole.Where(scoped.Contains), scoped);
        Assert.Equal(4, whole.Count);
        Assert.Equal(3, scoped.Select(m => m.Score).Distinct().Count()); // different lengths and counts: scores differ

        var one = await host.QueryAsync(db => SearchMatches.ScopeAsync(db, sara.Id, direct, CancellationToken.None));
        Assert.Equal(direct, Assert.Single(one!));
        var inDirect = await MatchesAsync(host, db => SearchMatches.AmongReadable(db, query, fts5, sara.Id, direct, one));
        Assert.Equal(scoped.Where(inDirect.Contains), inDirect);
        Assert.Single(inDirect);
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
    public async Task TextOnlyIndex_IsRebuiltOnceWithConversations_AndKeptUpToDate()
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
            """));

        await host.QueryAsync(async db =>
        {
            await SqliteSearchIndex.EnsureAsync(db, CancellationToken.None);
            await SqliteSearchIndex.EnsureAsync(db, CancellationToken.None); // once only
            return 0;
        });
        Assert.Contains("\"ConversationId\"", await DefinitionAsync(host), StringComparison.Ordinal);
        await send.HandleAsync(omar.Id, new SendMessage(direct, "the harbour again"));
        var search = host.Get<SearchMessagesHandler>();
        Assert.Equal(2, (await search.HandleAsync(sara.Id, new SearchRequest("harbour"), SearchPlan.MemberFirst)).Count);
        Assert.Equal(2, (await search.HandleAsync(sara.Id, new SearchRequest("harbour"), SearchPlan.IndexFirst)).Count);
        // The index agrees with its content table (FTS5 re-reads the text and conversation of every message).
        await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""INSERT INTO "MessageSearch"("MessageSearch", rank) VALUES ('integrity-check', 1)"""));
    }

    private static Task<List<(Guid MessageId, double Score)>> MatchesAsync(CoreTestHost host, Func<MessagingDbContext, IQueryable<SearchMatch>> matches) =>
        host.QueryAsync(async db => (await matches(db).ToListAsync()).Select(m => (m.MessageId, m.Score)).Order().ToList());

    private static Task<string> DefinitionAsync(CoreTestHost host) => host.QueryAsync(db =>
        db.Database.SqlQuery<string>($"SELECT sql AS \"Value\" FROM sqlite_master WHERE name = 'MessageSearch'").SingleAsync());
}
