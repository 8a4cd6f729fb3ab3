using Messaging.Core.Accounts;
using Messaging.Core.Conversations;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

public sealed record MessageSearchResult(
    Guid MessageId,
    Guid ConversationId,
    string? ConversationTitle,
    long Sequence,
    string Content,
    string Highlight,
    IReadOnlyList<HighlightSpan> Highlights,
    Guid SenderId,
    string SenderName,
    DateTime SentAt,
    double RelevanceScore);

/// <summary>
/// Finds messages in the caller's own conversations with the database's full-text index (FTS5 on SQLite, a GIN
/// tsvector index on PostgreSQL), both fed the same folded words by <see cref="SearchDocument"/>, so both return
/// the same messages. Best match first, then newest. Only conversations the caller is an active member of, and only
/// what they have not cleared: a removed member finds nothing there any more. Encrypted conversations are searched
/// through their blind index (<see cref="EncryptedSearch"/>) and merged in by score.
/// </summary>
public sealed class SearchMessagesHandler(IDbContextFactory<MessagingDbContext> dbFactory, EncryptedSearch encrypted)
{
    public Task<IReadOnlyList<MessageSearchResult>> HandleAsync(
        Guid userId, string? query, Guid? conversationId, int? limit, CancellationToken cancellationToken = default) =>
        HandleAsync(userId, new SearchRequest(query, conversationId, Limit: limit), cancellationToken);

    public Task<IReadOnlyList<MessageSearchResult>> HandleAsync(Guid userId, SearchRequest request, CancellationToken cancellationToken = default) =>
        HandleAsync(userId, request, SearchPlan.Automatic, cancellationToken);

    /// <summary>A search on a given plan; every plan returns the same results (tests run both, ADR 0037).</summary>
    public async Task<IReadOnlyList<MessageSearchResult>> HandleAsync(
        Guid userId, SearchRequest request, SearchPlan plan, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(request.Query);
        var has = request.ParseHas();
        var type = SearchRequest.TypeFor(has);
        var links = has == SearchHas.Link;
        var (conversationId, fromUserId, before, after) = (request.ConversationId, request.FromUserId, request.Before, request.After);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (conversationId is { } only)
        {
            // Within one conversation: refused like every other conversation-scoped call (not a member first, then not verified).
            await db.RequireMembershipAsync(only, userId, cancellationToken);
        }
        else
        {
            await db.RequireVerifiedAsync(userId, cancellationToken);
        }

        // Both halves read the first offset+limit results; the merged list is paged once.
        var window = request.Skip + request.Take;
        // On SQLite a prefix that only one indexed word starts with is asked for as that word (ADR 0053): same results.
        var wholeWords = db.Database.IsSqlite() ? await SqliteSearchTerms.WholeWordsAsync(db, query, cancellationToken) : new Dictionary<string, IReadOnlyList<string>>();
        var matches = await SearchPlanner.ChooseAsync(db, userId, conversationId, plan, cancellationToken) == SearchPlan.MemberFirst
            ? await SearchMatches.AmongReadableAsync(db, query, wholeWords, userId, conversationId, window, cancellationToken)
            : new SearchMatchSource(SearchMatches.For(db, query, query.ToFts5(wholeWords)));
        var rows = await RankAsync(matches.Best ?? matches.All);
        if (matches.Best is not null && rows.Count < window)
        {
            // The rules and filters left fewer than a page of the best-scored matches: rank them all.
            rows = await RankAsync(matches.All);
        }

        var plain = rows.Select(r =>
        {
            var spans = SearchHighlights.Find(r.Content, query);
            return new MessageSearchResult(
                r.Id, r.ConversationId, r.Title, r.Sequence, r.Content, SearchHighlights.Excerpt(r.Content, spans), spans,
                r.SenderId, DataRights.DeletedAccount.NameOf(r.Name, r.DeletedAt), r.SentAt, Math.Round(r.Score, 6));
        });
        var secret = await encrypted.FindAsync(db, userId, query, new SearchFilters(conversationId, fromUserId, type, links, before, after), cancellationToken);
        return secret.Count == 0
            ? plain.Skip(request.Skip).ToArray()
            : plain.Concat(secret)
                .OrderByDescending(r => r.RelevanceScore).ThenByDescending(r => r.SentAt).ThenByDescending(r => r.MessageId)
                .Skip(request.Skip).Take(request.Take).ToArray();

        // Every rule of who may see what is applied here, whatever the matches came from.
        Task<List<RankedRow>> RankAsync(IQueryable<SearchMatch> hits) => (
                from hit in hits
                join m in db.Messages on hit.MessageId equals m.Id
                join p in db.Participants on m.ConversationId equals p.ConversationId
                where p.UserId == userId && p.IsActive && m.Sequence > p.ClearedThroughSequence && !m.IsDeleted
                      && (conversationId == null || m.ConversationId == conversationId)
                      && (fromUserId == null || m.SenderId == fromUserId)
                      && (type == null || m.Type == type)
                      && (!links || m.HasLink)
                      && (before == null || m.SentAt < before)
                      && (after == null || m.SentAt > after)
                join c in db.Conversations on m.ConversationId equals c.Id
                join u in db.Users on m.SenderId equals u.Id
                orderby hit.Score descending, m.SentAt descending, m.Id descending
                select new RankedRow(m.Id, m.ConversationId, c.Title, m.Sequence, m.Content, m.SenderId, u.Name, u.DeletedAt, m.SentAt, hit.Score))
            .Take(window)
            .ToListAsync(cancellationToken);
    }

    private sealed record RankedRow(
        Guid Id, Guid ConversationId, string? Title, long Sequence, string Content, Guid SenderId, string Name, DateTime? DeletedAt, DateTime SentAt, double Score);
}
