using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

/// <summary>
/// Every word SQLite's FTS5 index has ever held (<c>MessageSearchTerms</c>), so a search can tell when the word being
/// typed can only be one word (ADR 0053). FTS5 answers a prefix (<c>"mee"*</c>) by merging the match lists of every
/// word it starts, up front, even when there is one such word; the same whole word (<c>"meeting"</c>) is read lazily.
/// When the list holds a single word starting with the prefix, the index holds at most that word, so both spellings
/// match the same messages with the same BM25 score — and the whole word is twice as fast for common words at 1M
/// messages. Kept by triggers in the statement that writes <c>SearchText</c> (like the index itself); words are never
/// removed, so the list is a superset of the index's words, which is all the rewrite needs.
/// </summary>
public static class SqliteSearchTerms
{
    public const string Table = "MessageSearchTerms";

    /// <summary>The body both triggers run (SQLite triggers fire on one event each): the new text's words, split on spaces.</summary>
    private const string AddNewWords = """
        INSERT OR IGNORE INTO "MessageSearchTerms"("Term")
          WITH RECURSIVE w(word, rest) AS (
            SELECT '', new."SearchText" || ' '
            UNION ALL
            SELECT substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM w WHERE rest <> '')
          SELECT lower(word) FROM w WHERE word <> '';
        """;

    /// <summary>The list, its triggers, and the words already indexed (from FTS5's own vocabulary).</summary>
    private const string Create = $$"""
        CREATE TABLE "MessageSearchTerms" ("Term" TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID;
        CREATE TRIGGER "MessageSearchTerms_insert" AFTER INSERT ON "Messages" WHEN new."SearchText" IS NOT NULL BEGIN
          {{AddNewWords}}
        END;
        CREATE TRIGGER "MessageSearchTerms_update" AFTER UPDATE OF "SearchText" ON "Messages" WHEN new."SearchText" IS NOT NULL BEGIN
          {{AddNewWords}}
        END;
        CREATE VIRTUAL TABLE temp."MessageSearchVocabulary" USING fts5vocab(main, 'MessageSearch', 'col');
        INSERT OR IGNORE INTO "MessageSearchTerms"("Term") SELECT term FROM temp."MessageSearchVocabulary" WHERE col = 'SearchText';
        DROP TABLE temp."MessageSearchVocabulary";
        """;

    public static async Task EnsureAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (await SqliteSearchIndex.TableExistsAsync(db, Table, cancellationToken))
        {
            return;
        }

        // SearchText is Core's folded words separated by single spaces (SearchDocument), each one FTS5 token; lower()
        // only guards against text written some other way. Existing words come from FTS5's own vocabulary.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Create, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The prefix forms of <paramref name="query"/> that only one known word starts with, and that word (one indexed
    /// lookup per form: the first two words at or after the prefix in binary order, where all its words are adjacent).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> WholeWordsAsync(DbContext db, SearchQuery query, CancellationToken cancellationToken)
    {
        var whole = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var form in query.Terms.Where(t => t.IsPrefix).SelectMany(t => t.Forms).Distinct(StringComparer.Ordinal))
        {
            var next = await db.Database.SqlQuery<string>(
                    $"SELECT \"Term\" AS \"Value\" FROM \"MessageSearchTerms\" WHERE \"Term\" >= {form} ORDER BY \"Term\" LIMIT 2")
                .ToListAsync(cancellationToken);
            var starting = next.Where(w => w.StartsWith(form, StringComparison.Ordinal)).ToList();
            if (starting.Count == 1 && (next.Count == 1 || starting[0] == next[0]))
            {
                whole[form] = starting[0];
            }
        }

        return whole;
    }
}
