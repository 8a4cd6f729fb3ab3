using Microsoft.EntityFrameworkCore;

namespace Messaging.Tests.Core.Search;

/// <summary>Checks the SQLite word list (<c>MessageSearchTerms</c>, ADR 0053/0054) against FTS5's own vocabulary.</summary>
internal static class SearchWordList
{
    /// <summary>Words whose kept count differs from FTS5's own count of messages holding them (must be none).</summary>
    public static Task<List<string>> MiscountedAsync(CoreTestHost host) => host.QueryAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("""CREATE VIRTUAL TABLE IF NOT EXISTS temp."Counts" USING fts5vocab(main, 'MessageSearch', 'col')""");
        var wrong = await db.Database.SqlQuery<string>($"""
                SELECT t."Term" || ' ' || t."Documents" || ' ' || coalesce(v.doc, 0) AS "Value"
                FROM "MessageSearchTerms" AS t LEFT JOIN temp."Counts" AS v ON v.term = t."Term" AND v.col = 'SearchText'
                WHERE t."Documents" <> coalesce(v.doc, 0)
                UNION ALL
                SELECT v.term || ' missing' FROM temp."Counts" AS v WHERE v.col = 'SearchText' AND v.term NOT IN (SELECT "Term" FROM "MessageSearchTerms")
                """)
            .ToListAsync();
        await db.Database.ExecuteSqlRawAsync("""DROP TABLE temp."Counts" """);
        await db.Database.CloseConnectionAsync();
        return wrong;
    });
}
