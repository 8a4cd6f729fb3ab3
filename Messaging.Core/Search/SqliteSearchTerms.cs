using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

/// <summary>
/// Every word SQLite's FTS5 index has ever held (<c>MessageSearchTerms</c>), so a search can tell when the word being
/// typed can only be one word (ADR 0053). FTS5 answers a prefix (<c>"mee"*</c>) by merging the match lists of every
/// word it starts, up front, even when there is one such word; the same whole word (<c>"meeting"</c>) is read lazily.
/// When the list holds a single word starting with the prefix, the index holds at most that word, so both spellings
/// match the same messages with the same BM25 score — and the whole word is twice as fast for common words at 1M
/// messages. Kept by triggers in the statement that writes <c>SearchText</c> (like the index itself); words are never
/// removed, so the list is a superset of the index's words, which is all the rewrite needs. Each word also carries
/// the number of indexed messages holding it — FTS5's own document count, which BM25 needs and which FTS5 would
/// otherwise recount over the word's whole match list on every query (ADR 0054).
/// </summary>
public static class SqliteSearchTerms
{
    public const string Table = "MessageSearchTerms";

    /// <summary>The distinct words of <paramref name="text"/> (Core's words separated by spaces): one row each.</summary>
    private static string WordsOf(string text) => $"""
        WITH RECURSIVE w(word, rest) AS (
          SELECT '', {text} || ' '
          UNION ALL
          SELECT substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1) FROM w WHERE rest <> '')
        SELECT DISTINCT lower(word) AS value FROM w WHERE word <> ''
        """;

    /// <summary>Counts a text's words in: known words gain a message, new ones join the list (a null text has no words).</summary>
    private static string CountIn(string text) => $$"""
        INSERT INTO "MessageSearchTerms"("Term", "Documents")
          SELECT value, 1 FROM ({{WordsOf(text)}}) WHERE true
          ON CONFLICT("Term") DO UPDATE SET "Documents" = "Documents" + 1;
        """;

    /// <summary>Counts a text's words out (a word at zero stays listed: the list only grows).</summary>
    private static string CountOut(string text) => $$"""
        UPDATE "MessageSearchTerms" SET "Documents" = "Documents" - 1 WHERE "Term" IN ({{WordsOf(text)}});
        """;

    /// <summary>
    /// The list with each word's number of indexed messages (FTS5's document count for BM25, ADR 0054), its triggers,
    /// and the words already indexed with their counts, from FTS5's own vocabulary of the text column.
    /// </summary>
    private static readonly string Create = $$"""
        CREATE TABLE "MessageSearchTerms" ("Term" TEXT NOT NULL PRIMARY KEY, "Documents" INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TRIGGER "MessageSearchTerms_insert" AFTER INSERT ON "Messages" WHEN new."SearchText" IS NOT NULL BEGIN
          {{CountIn("new.\"SearchText\"")}}
        END;
        CREATE TRIGGER "MessageSearchTerms_delete" AFTER DELETE ON "Messages" WHEN old."SearchText" IS NOT NULL BEGIN
          {{CountOut("old.\"SearchText\"")}}
        END;
        CREATE TRIGGER "MessageSearchTerms_update" AFTER UPDATE OF "SearchText" ON "Messages" BEGIN
          {{CountOut("old.\"SearchText\"")}}
          {{CountIn("new.\"SearchText\"")}}
        END;
        CREATE VIRTUAL TABLE temp."MessageSearchVocabulary" USING fts5vocab(main, 'MessageSearch', 'col');
        INSERT INTO "MessageSearchTerms"("Term", "Documents") SELECT term, doc FROM temp."MessageSearchVocabulary" WHERE col = 'SearchText';
        DROP TABLE temp."MessageSearchVocabulary";
        """;

    /// <summary>The list of the first shape (words only, ADR 0053), replaced once by <see cref="Create"/>.</summary>
    private const string DropWordsOnly = """
        DROP TRIGGER "MessageSearchTerms_insert";
        DROP TRIGGER "MessageSearchTerms_update";
        DROP TABLE "MessageSearchTerms";
        """;

    public static async Task EnsureAsync(DbContext db, CancellationToken cancellationToken)
    {
        var definition = await SqliteSearchIndex.DefinitionAsync(db, Table, cancellationToken);
        if (definition is not null && definition.Contains("\"Documents\"", StringComparison.Ordinal))
        {
            return;
        }

        // SearchText is Core's folded words separated by single spaces (SearchDocument), each one FTS5 token; lower()
        // only guards against text written some other way. Existing words and counts come from FTS5's own vocabulary.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (definition is not null)
        {
            await db.Database.ExecuteSqlRawAsync(DropWordsOnly, cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync(Create, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// A prefix that at most this many indexed words start with is asked for as those words (ADR 0054): FTS5 reads
    /// whole words lazily and seeks in them, where a prefix is merged over the whole index first. Beyond it (the first
    /// letter or two of a word) the prefix stays a prefix.
    /// </summary>
    public const int MaxWordsPerPrefix = 16;

    /// <summary>
    /// The prefix forms of <paramref name="query"/> that between one and <see cref="MaxWordsPerPrefix"/> indexed words
    /// start with, and those words in binary order (one indexed range read per form: a prefix's words are adjacent).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> WholeWordsAsync(DbContext db, SearchQuery query, CancellationToken cancellationToken)
    {
        var whole = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var form in query.Terms.Where(t => t.IsPrefix).SelectMany(t => t.Forms).Distinct(StringComparer.Ordinal))
        {
            // Only words some message holds now (a count of zero is a word no longer in the index).
            var next = await db.Database.SqlQuery<string>(
                    $"SELECT \"Term\" AS \"Value\" FROM \"MessageSearchTerms\" WHERE \"Term\" >= {form} AND \"Documents\" > 0 ORDER BY \"Term\" LIMIT {MaxWordsPerPrefix + 1}")
                .ToListAsync(cancellationToken);
            var starting = next.TakeWhile(w => w.StartsWith(form, StringComparison.Ordinal)).ToList();
            if (starting.Count is > 0 and <= MaxWordsPerPrefix)
            {
                whole[form] = starting;
            }
        }

        return whole;
    }
}
