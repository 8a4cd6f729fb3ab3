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

    public static async Task<IQueryable<SearchMatch>> FindAsync(
        MessagingDbContext db, SearchQuery query, IReadOnlyDictionary<string, IReadOnlyList<string>> wholeWords, IReadOnlyCollection<Guid> scope,
        CancellationToken cancellationToken)
    {
        var match = SqliteSearchIndex.Match(query.ToFts5(wholeWords), scope);
        if (query.Fts5Words(wholeWords) is not { } phrases)
        {
            // LIMIT -1 keeps it a subquery of its own, evaluated once (SearchMatches.AmongReadable says why).
            return db.Database.SqlQuery<SearchMatch>($"""
                SELECT m."Id" AS "MessageId", -bm25("MessageSearch", 1.0, 0.0) AS "Score"
                FROM "MessageSearch" JOIN "Messages" AS m ON m.rowid = "MessageSearch".rowid
                WHERE "MessageSearch" MATCH {match}
                LIMIT -1
                """);
        }

        var averages = await db.Database.SqlQuery<byte[]>($"""SELECT block AS "Value" FROM "MessageSearch_data" WHERE id = 1""")
            .SingleOrDefaultAsync(cancellationToken);
        if (averages is null)
        {
            return Nothing(db); // an empty index
        }

        var (rows, tokens) = SqliteBm25.Totals(averages);
        var words = JsonSerializer.Serialize(phrases.Distinct(StringComparer.Ordinal));
        var counts = await db.Database.SqlQuery<WordCount>($"""
                SELECT "Term", "Documents" FROM "MessageSearchTerms" WHERE "Term" IN (SELECT value FROM json_each({words}))
                """)
            .ToDictionaryAsync(c => c.Term, c => c.Documents, StringComparer.Ordinal, cancellationToken);
        var idf = phrases.Select(p => SqliteBm25.Idf(rows, counts.GetValueOrDefault(p))).ToArray();
        var averageLength = (double)tokens / rows;

        // The message id stays the text SQLite holds, so the join over these rows compares like with like.
        var candidates = await db.Database.SqlQuery<Candidate>($"""
                SELECT m."Id" AS "Id", m."SearchText" AS "Text"
                FROM "MessageSearch" JOIN "Messages" AS m ON m.rowid = "MessageSearch".rowid
                WHERE "MessageSearch" MATCH {match}
                """)
            .ToListAsync(cancellationToken);
        // One token per message in the conversation column: it counts in the length, like in FTS5.
        var scored = JsonSerializer.Serialize(candidates.Select(c => new object[] { c.Id, SqliteBm25.Score(phrases, idf, averageLength, c.Text, otherTokens: 1) }));
        // LIMIT -1 keeps the rows a subquery of their own, read once: flattened, the planner may read the JSON again
        // for every message it joins (seconds for a common word).
        return db.Database.SqlQuery<SearchMatch>($"""
            SELECT j.value ->> 0 AS "MessageId", j.value ->> 1 AS "Score" FROM json_each({scored}) AS j
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
