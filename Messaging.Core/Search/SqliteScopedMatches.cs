using System.Text.Json;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

/// <summary>
/// Member-first search on SQLite for a caller of a few conversations (ADR 0054): FTS5 finds the words in those
/// conversations by seeking, without ranking; the BM25 scores are computed here (<see cref="SqliteBm25"/>) from the
/// word counts kept beside the index, because FTS5's own <c>bm25()</c> recounts each word over the whole index per
/// query. A prefix left in the query (typing, more than one word starts with it) is ranked by FTS5, whose score
/// counts a prefix as one phrase over every word it starts.
/// </summary>
internal static class SqliteScopedMatches
{
    internal sealed class Candidate
    {
        public string Id { get; set; } = "";
        public string Text { get; set; } = "";
    }

    /// <summary>
    /// How many of the best-scored matches are ranked first, per result wanted: enough that the rules and filters
    /// rarely leave less than a page (then all are ranked), few enough that ranking them costs little.
    /// </summary>
    private const int BestPerResult = 4;

    public static async Task<SearchMatchSource> FindAsync(
        MessagingDbContext db, SearchQuery query, IReadOnlyDictionary<string, IReadOnlyList<string>> wholeWords, IReadOnlyCollection<Guid> scope,
        int window, CancellationToken cancellationToken)
    {
        var match = SqliteSearchIndex.Match(query.ToFts5(wholeWords), scope);
        if (query.Fts5Words(wholeWords) is not { } phrases)
        {
            // LIMIT -1 keeps it a subquery of its own, evaluated once (SearchMatches.AmongReadable says why).
            return new SearchMatchSource(db.Database.SqlQuery<SearchMatch>($"""
                SELECT m."Id" AS "MessageId", -bm25("MessageSearch", 1.0, 0.0) AS "Score"
                FROM "MessageSearch" JOIN "Messages" AS m ON m.rowid = "MessageSearch".rowid
                WHERE "MessageSearch" MATCH {match}
                LIMIT -1
                """));
        }

        var averages = await db.Database.SqlQuery<byte[]>($"""SELECT block AS "Value" FROM "MessageSearch_data" WHERE id = 1""")
            .SingleOrDefaultAsync(cancellationToken);
        if (averages is null)
        {
            return new SearchMatchSource(Nothing(db)); // an empty index
        }

        var (rows, tokens) = SqliteBm25.Totals(averages);
        var words = JsonSerializer.Serialize(phrases.Distinct(StringComparer.Ordinal));
        var counts = await db.Database.SqlQuery<WordCount>($"""
                SELECT "Term", "Documents" FROM "MessageSearchTerms" WHERE "Term" IN (SELECT value FROM json_each({words}))
                """)
            .ToDictionaryAsync(c => c.Term, c => c.Documents, StringComparer.Ordinal, cancellationToken);
        var idf = phrases.Select(p => SqliteBm25.Idf(rows, counts.GetValueOrDefault(p))).ToArray();
        var averageLength = (double)tokens / rows;

        var candidates = await db.Database.SqlQuery<Candidate>($"""
                SELECT m."Id" AS "Id", m."SearchText" AS "Text"
                FROM "MessageSearch" JOIN "Messages" AS m ON m.rowid = "MessageSearch".rowid
                WHERE "MessageSearch" MATCH {match}
                """)
            .ToListAsync(cancellationToken);
        // One token per message in the conversation column: it counts in the length, like in FTS5.
        var scored = candidates
            .Select(c => (c.Id, Score: SqliteBm25.Score(phrases, idf, averageLength, c.Text, otherTokens: 1)))
            .OrderByDescending(c => c.Score)
            .ToList();
        var best = window * BestPerResult;
        return scored.Count <= best
            ? new SearchMatchSource(Scored(db, scored))
            : new SearchMatchSource(Scored(db, scored), Scored(db, scored.TakeWhile((c, i) => i < best || c.Score == scored[best - 1].Score)));
    }

    /// <summary>Scored matches as rows the search composes over; the message id stays the text SQLite holds, so the join compares like with like.</summary>
    private static IQueryable<SearchMatch> Scored(MessagingDbContext db, IEnumerable<(string Id, double Score)> scored)
    {
        var json = JsonSerializer.Serialize(scored.Select(c => new object[] { c.Id, c.Score }));
        // LIMIT -1 keeps the rows a subquery of their own, read once: flattened, the planner may read the JSON again
        // for every message it joins (seconds for a common word).
        return db.Database.SqlQuery<SearchMatch>($"""
            SELECT j.value ->> 0 AS "MessageId", j.value ->> 1 AS "Score" FROM json_each({json}) AS j
            LIMIT -1
            """);
    }

    public static IQueryable<SearchMatch> Nothing(MessagingDbContext db) =>
        db.Database.SqlQuery<SearchMatch>($"""SELECT m."Id" AS "MessageId", 0.0 AS "Score" FROM "Messages" AS m WHERE 0""");

    internal sealed class WordCount
    {
        public string Term { get; set; } = "";
        public long Documents { get; set; }
    }
}
