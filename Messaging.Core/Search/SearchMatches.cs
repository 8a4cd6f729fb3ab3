using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

/// <summary>One message the database's text index matched, with its relevance (higher is better).</summary>
public sealed class SearchMatch
{
    public Guid MessageId { get; set; }
    public double Score { get; set; }
}

/// <summary>
/// The one provider-specific step of a search: the messages whose index text matches, scored by the database's
/// own ranking (BM25 in SQLite FTS5, ts_rank_cd in PostgreSQL). Everything else — who may see what, filters,
/// order, paging — is LINQ composed over this, the same on both databases.
/// </summary>
internal static class SearchMatches
{
    // The SQLite table name is spelled out: an interpolation here would become a parameter.
    public static IQueryable<SearchMatch> For(MessagingDbContext db, SearchQuery query) => db.Database.IsNpgsql()
        ? db.Database.SqlQuery<SearchMatch>($"""
            SELECT m."Id" AS "MessageId", ts_rank_cd(to_tsvector('simple', m."SearchText"), q)::float8 AS "Score"
            FROM "Messages" AS m, to_tsquery('simple', {query.ToTsQuery()}) AS q
            WHERE to_tsvector('simple', m."SearchText") @@ q
            """)
        : db.Database.SqlQuery<SearchMatch>($"""
            SELECT m."Id" AS "MessageId", -bm25("MessageSearch") AS "Score"
            FROM "MessageSearch" JOIN "Messages" AS m ON m.rowid = "MessageSearch".rowid
            WHERE "MessageSearch" MATCH {query.ToFts5()}
            """);
}
