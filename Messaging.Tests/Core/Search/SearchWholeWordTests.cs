using Messaging.Core.Messages;
using Messaging.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Search;

/// <summary>
/// On SQLite a prefix that only one indexed word starts with is sent to FTS5 as that whole word (ADR 0053). The list
/// of words behind that choice must hold every word the index holds, follow sends and edits, and the rewritten query
/// must find the same messages with the same scores.
/// </summary>
public sealed class SearchWholeWordTests
{
    [Fact]
    public async Task PrefixOfOneWord_IsThatWord_SameMatchesAndScores_UntilASecondWordStartsTheSame()
    {
        await using var host = await CoreTestHost.CreateAsync();
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var group = await host.CreateGroupAsync(sara, "Harbour", omar);
        var send = host.Get<SendMessageHandler>();
        await send.HandleAsync(sara.Id, new SendMessage(group, "harbour trip at noon"));
        await send.HandleAsync(omar.Id, new SendMessage(group, "the harbour, the harbour again"));
        await send.HandleAsync(omar.Id, new SendMessage(group, "no boats today"));

        var query = SearchQuery.Parse("harb");
        var whole = await host.QueryAsync(db => SqliteSearchTerms.WholeWordsAsync(db, query, CancellationToken.None));
        Assert.Equal("(\"harbour\")", query.ToFts5(whole));
        Assert.Equal(await MatchesAsync(host, query.ToFts5()), await MatchesAsync(host, query.ToFts5(whole)));
        var search = host.Get<SearchMessagesHandler>();
        Assert.Equal(2, (await search.HandleAsync(sara.Id, new SearchRequest("harb"))).Count);

        // A second word with the same start: the prefix is asked for as both words, and finds both.
        await send.HandleAsync(sara.Id, new SendMessage(group, "harbourside cafe"));
        whole = await host.QueryAsync(db => SqliteSearchTerms.WholeWordsAsync(db, query, CancellationToken.None));
        Assert.Equal("(\"harbour\" OR \"harbourside\")", query.ToFts5(whole));
        Assert.Equal(Rowids(await MatchesAsync(host, query.ToFts5())), Rowids(await MatchesAsync(host, query.ToFts5(whole))));
        Assert.Equal(3, (await search.HandleAsync(sara.Id, new SearchRequest("harb"))).Count);

        // More words than a prefix is expanded to: it stays a prefix.
        var many = string.Join(' ', Enumerable.Range(0, SqliteSearchTerms.MaxWordsPerPrefix).Select(i => "harb" + (char)('a' + i)));
        await send.HandleAsync(sara.Id, new SendMessage(group, many));
        whole = await host.QueryAsync(db => SqliteSearchTerms.WholeWordsAsync(db, query, CancellationToken.None));
        Assert.Empty(whole);
        Assert.Equal("(\"harb\"*)", query.ToFts5(whole));
        Assert.Equal(4, (await search.HandleAsync(sara.Id, new SearchRequest("harb"))).Count);
    }

    private static List<string> Rowids(List<string> matches) => [.. matches.Select(m => m.Split(' ')[0])];

    [Fact]
    public async Task EditedWords_AreKnown()
    {
        await using var host = await CoreTestHost.CreateAsync();
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);
        var sent = await host.Get<SendMessageHandler>().HandleAsync(sara.Id, new SendMessage(direct, "see you soon"));
        await host.Get<ChangeMessageHandler>().EditAsync(sara.Id, direct, sent.Message.Id, "see you at the lighthouse");

        var query = SearchQuery.Parse("lightho");
        var whole = await host.QueryAsync(db => SqliteSearchTerms.WholeWordsAsync(db, query, CancellationToken.None));
        Assert.Equal(["lighthouse"], whole["lightho"]);
        var found = await host.Get<SearchMessagesHandler>().HandleAsync(omar.Id, new SearchRequest("lightho"));
        Assert.Equal(sent.Message.Id, Assert.Single(found).MessageId);
    }

    [Fact]
    public async Task EveryIndexedWord_IsInTheList_AlsoAfterRebuildingItFromTheIndex()
    {
        await using var host = await CoreTestHost.CreateAsync();
        var sara = await host.CreateUserAsync("Sara");
        var omar = await host.CreateUserAsync("Omar");
        var direct = await host.CreateDirectAsync(sara, omar);
        var send = host.Get<SendMessageHandler>();
        await send.HandleAsync(sara.Id, new SendMessage(direct, "Café ÉTÉ naïve e-mail x² 42 MEETINGS"));
        await send.HandleAsync(omar.Id, new SendMessage(direct, "رسالةٌ إلى الـمدرسة ومؤتمر يوم ١٢ بالقلم"));

        Assert.Empty(await SearchWordList.MiscountedAsync(host));
        Assert.Contains("meeting", await host.QueryAsync(db => db.Database.SqlQuery<string>($"SELECT \"Term\" AS \"Value\" FROM \"MessageSearchTerms\"").ToListAsync()));

        // A database from before the list: it is filled from FTS5's own vocabulary.
        await host.QueryAsync(db => db.Database.ExecuteSqlRawAsync(
            """DROP TRIGGER "MessageSearchTerms_insert"; DROP TRIGGER "MessageSearchTerms_update"; DROP TRIGGER "MessageSearchTerms_delete"; DROP TABLE "MessageSearchTerms";"""));
        await host.QueryAsync(async db =>
        {
            await SqliteSearchTerms.EnsureAsync(db, CancellationToken.None);
            return 0;
        });
        Assert.Empty(await SearchWordList.MiscountedAsync(host));
        await send.HandleAsync(sara.Id, new SendMessage(direct, "lighthouse keeper"));
        Assert.Empty(await SearchWordList.MiscountedAsync(host));
    }

    private static Task<List<string>> MatchesAsync(CoreTestHost host, string fts5) => host.QueryAsync(db => db.Database.SqlQuery<string>(
            $"SELECT CAST(rowid AS TEXT) || ' ' || CAST(bm25(\"MessageSearch\") AS TEXT) AS \"Value\" FROM \"MessageSearch\" WHERE \"MessageSearch\" MATCH {fts5} ORDER BY rowid")
        .ToListAsync());
}
