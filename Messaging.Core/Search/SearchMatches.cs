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
/// The matches of a search: all of them, and when the matches were scored before the database saw them, the best few
/// (every match scoring at least the K-th best, so nothing outside ranks above anything inside): when those hold a
/// page after the rules and filters, it is the page.
/// </summary>
public sealed record SearchMatchSource(IQueryable<SearchMatch> All, IQueryable<SearchMatch>? Best = null);

/// <summary>
/// The one provider-specific step of a search: the messages whose index text matches, scored by the database's
/// own ranking (BM25 in SQLite FTS5, ts_rank_cd in PostgreSQL). Everything else — who may see what, filters,
/// order, paging — is LINQ composed over this, the same on both databases.
/// </summary>
internal static class SearchMatches
{
    /// <summary>
    /// Conversations a member-first search on SQLite names to FTS5 (ADR 0054). FTS5 checks "in one of these" by
    /// stepping through every named conversation at each match it considers, so the list stays short; a caller in more
    /// conversations is searched by the list of their readable rowids instead.
    /// </summary>
    public const int MaxScopedConversations = 100;

    /// <summary>
    /// Index-first: every message the index matches; the caller's own are kept by the query composed over it.
    /// <paramref name="fts5"/> is the query in FTS5 syntax (<see cref="SearchQuery.ToFts5(IReadOnlyDictionary{string, IReadOnlyList{string}})"/>), used on SQLite only.
    /// </summary>
    // The SQLite table name is spelled out: an interpolation here would become a parameter. bm25()'s weights give the
    // conversation column (SqliteSearchIndex) no say in the score, so scoped and unscoped searches rank alike.
    public static IQueryable<SearchMatch> For(MessagingDbContext db, SearchQuery query, string fts5) => db.Database.IsNpgsql()
        ? db.Database.SqlQuery<SearchMatch>($"""
            SELECT m."Id" AS "MessageId", ts_rank_cd(m."SearchWords", q)::float8 AS "Score"
            FROM "Messages" AS m, to_tsquery('simple', {query.ToTsQuery()}) AS q
            WHERE m."SearchWords" @@ q
            """)
        : db.Database.SqlQuery<SearchMatch>($"""
            SELECT m."Id" AS "MessageId", -bm25("MessageSearch", 1.0, 0.0) AS "Score"
            FROM "MessageSearch" JOIN "Messages" AS m ON m.rowid = "MessageSearch".rowid
            WHERE "MessageSearch" MATCH {SqliteSearchIndex.Match(fts5)}
            """);

    /// <summary>
    /// Member-first, by the cheapest way the database has: on SQLite, the caller's conversations named to FTS5 when
    /// they are few (<see cref="SqliteScopedMatches"/>), otherwise <see cref="AmongReadable"/>.
    /// </summary>
    public static async Task<SearchMatchSource> AmongReadableAsync(
        MessagingDbContext db, SearchQuery query, IReadOnlyDictionary<string, IReadOnlyList<string>> wholeWords, Guid userId, Guid? conversationId,
        int window, CancellationToken cancellationToken) =>
        await ScopeAsync(db, userId, conversationId, cancellationToken) switch
        {
            null => new SearchMatchSource(AmongReadable(db, query, query.ToFts5(wholeWords), userId, conversationId)),
            { Count: 0 } => new SearchMatchSource(SqliteScopedMatches.Nothing(db)), // only encrypted conversations: their blind index answers
            var scope => await SqliteScopedMatches.FindAsync(db, query, wholeWords, scope, window, cancellationToken),
        };

    /// <summary>
    /// The caller's conversations a member-first search names to FTS5 (active, not encrypted: those are searched by
    /// their blind index), or null on PostgreSQL or when there are more than <see cref="MaxScopedConversations"/>.
    /// </summary>
    public static async Task<IReadOnlyCollection<Guid>?> ScopeAsync(MessagingDbContext db, Guid userId, Guid? conversationId, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return null;
        }

        var scope = await (
                from p in db.Participants
                join c in db.Conversations on p.ConversationId equals c.Id
                where p.UserId == userId && p.IsActive && !c.IsEncrypted && (conversationId == null || c.Id == conversationId)
                select c.Id)
            .Take(MaxScopedConversations + 1)
            .ToListAsync(cancellationToken);
        return scope.Count <= MaxScopedConversations ? scope : null;
    }

    /// <summary>
    /// Member-first (ADR 0037): only matches among the messages the caller can read (active participations, after
    /// the cleared sequence, optionally one conversation). The query composed over it applies the same rules again,
    /// so this only removes rows that would be dropped anyway; scores are the same numbers as index-first (BM25's
    /// statistics are the whole index's, <c>ts_rank_cd</c> looks at one message only).
    /// </summary>
    public static IQueryable<SearchMatch> AmongReadable(MessagingDbContext db, SearchQuery query, string fts5, Guid userId, Guid? conversationId)
    {
        // "Every conversation" is the empty GUID rather than NULL: a NULL parameter has no type to bind with.
        var only = conversationId ?? Guid.Empty;
        var all = conversationId is null;
        return db.Database.IsNpgsql()
            // OFFSET 0 keeps the readable rows a subquery of their own, so the planner cannot answer @@ from the GIN
            // index: it walks the caller's participations and (ConversationId, Sequence), then re-checks @@ per row
            // against the stored words (ADR 0048: parsing each readable message's text here was most of the cost).
            ? db.Database.SqlQuery<SearchMatch>($"""
                SELECT r."Id" AS "MessageId", ts_rank_cd(r."Words", q)::float8 AS "Score"
                FROM (
                    SELECT m."Id", m."SearchWords" AS "Words"
                    FROM "Participants" AS p
                    JOIN "Messages" AS m ON m."ConversationId" = p."ConversationId" AND m."Sequence" > p."ClearedThroughSequence"
                    WHERE p."UserId" = {userId} AND p."IsActive" AND ({all} OR p."ConversationId" = {only})
                    OFFSET 0) AS r,
                    to_tsquery('simple', {query.ToTsQuery()}) AS q
                WHERE r."Words" @@ q
                """)
            // FTS5 re-opens its query for every row it is probed with, and bm25() then recounts each word over the
            // whole index, so driving it row by row from Messages costs seconds. Instead the caller's readable rowids
            // are listed first (a covering read of (ConversationId, Sequence)); the one pass over the match list
            // drops every other row before it is ranked or joined. The unary + keeps the IN list from being handed
            // to FTS5 as rowid lookups (one query per rowid again). The lowest and highest readable rowid are handed
            // to FTS5 instead (a range it seeks to in its lists), so a search in one conversation reads only that
            // conversation's stretch of the match list. LIMIT -1 keeps this a subquery of its own (SQLite does not
            // flatten a limited subquery into a join): flattened, a conversation filter outside lets the planner
            // drive from Messages and probe FTS5 per row again (6.5 s at p95 for one conversation at 1M messages).
            : db.Database.SqlQuery<SearchMatch>($"""
                SELECT m."Id" AS "MessageId", -bm25("MessageSearch", 1.0, 0.0) AS "Score"
                FROM "MessageSearch" JOIN "Messages" AS m ON m.rowid = "MessageSearch".rowid
                WHERE "MessageSearch" MATCH {SqliteSearchIndex.Match(fts5)}
                  AND +"MessageSearch".rowid IN (
                    SELECT r.rowid
                    FROM "Participants" AS p
                    JOIN "Messages" AS r ON r."ConversationId" = p."ConversationId" AND r."Sequence" > p."ClearedThroughSequence"
                    WHERE p."UserId" = {userId} AND p."IsActive" AND ({all} OR p."ConversationId" = {only}))
                  AND "MessageSearch".rowid >= (
                    SELECT min(r.rowid)
                    FROM "Participants" AS p
                    JOIN "Messages" AS r ON r."ConversationId" = p."ConversationId" AND r."Sequence" > p."ClearedThroughSequence"
                    WHERE p."UserId" = {userId} AND p."IsActive" AND ({all} OR p."ConversationId" = {only}))
                  AND "MessageSearch".rowid <= (
                    SELECT max(r.rowid)
                    FROM "Participants" AS p
                    JOIN "Messages" AS r ON r."ConversationId" = p."ConversationId" AND r."Sequence" > p."ClearedThroughSequence"
                    WHERE p."UserId" = {userId} AND p."IsActive" AND ({all} OR p."ConversationId" = {only}))
                LIMIT -1
                """);
    }
}
