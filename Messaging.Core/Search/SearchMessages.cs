using System.Net;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

public sealed record MessageSearchResult(
    Guid MessageId,
    Guid ConversationId,
    string? ConversationTitle,
    string Content,
    string Highlight,
    string SenderName,
    DateTime SentAt,
    double RelevanceScore);

/// <summary>
/// Finds messages in the caller's own conversations by normalized text, so Arabic spelling variants and Latin case
/// and accents match alike on both providers. Sensitive conversations are never indexed (their text is ciphertext).
/// </summary>
public sealed class SearchMessagesHandler(IDbContextFactory<MessagingDbContext> dbFactory)
{
    public async Task<IReadOnlyList<MessageSearchResult>> HandleAsync(
        Guid userId, string? query, Guid? conversationId, int? limit, CancellationToken cancellationToken = default)
    {
        var normalized = TextNormalizer.Normalize(query?.Trim());
        if (normalized.Length < Limits.MinSearchQueryLength)
        {
            throw new MessagingException(ErrorCode.QueryTooShort, "query");
        }

        var take = Limits.Clamp(limit, Limits.DefaultSearchResults, Limits.MaxSearchResults);
        var pattern = "%" + Limits.EscapeLike(normalized) + "%";
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

        var rows = await (
                from p in db.Participants
                where p.UserId == userId && p.IsActive && (conversationId == null || p.ConversationId == conversationId)
                join m in db.Messages on p.ConversationId equals m.ConversationId
                where m.Sequence > p.ClearedThroughSequence && !m.IsDeleted && m.SearchText != null
                      && EF.Functions.Like(m.SearchText, pattern, "\\")
                join c in db.Conversations on m.ConversationId equals c.Id
                join u in db.Users on m.SenderId equals u.Id
                orderby m.SentAt descending
                select new { m.Id, m.ConversationId, c.Title, m.Content, m.SearchText, u.Name, m.SentAt })
            .Take(take)
            .ToListAsync(cancellationToken);

        return rows.Select(r => new MessageSearchResult(
            r.Id, r.ConversationId, r.Title, r.Content, Highlight(r.Content, normalized), r.Name, r.SentAt,
            Relevance(r.SearchText!, normalized))).ToArray();
    }

    // The match is found in the folded text and marked in the original, through the folding's index map.
    private static string Highlight(string content, string term)
    {
        var folded = TextNormalizer.Normalize(content, out var origins);
        var at = folded.IndexOf(term, StringComparison.Ordinal);
        if (at < 0)
        {
            return WebUtility.HtmlEncode(ConversationTimeline.Preview(content));
        }

        var matchStart = origins[at];
        var matchEnd = at + term.Length < origins.Length ? origins[at + term.Length] : content.Length;
        var start = Math.Max(0, matchStart - 40);
        var end = Math.Min(content.Length, matchEnd + 40);
        // HTML-encoded around the <mark>, so a client may render the highlight as markup safely.
        return (start > 0 ? "…" : "") + WebUtility.HtmlEncode(content[start..matchStart]) + "<mark>" + WebUtility.HtmlEncode(content[matchStart..matchEnd])
            + "</mark>" + WebUtility.HtmlEncode(content[matchEnd..end]) + (end < content.Length ? "…" : "");
    }

    private static double Relevance(string folded, string term)
    {
        var count = 0;
        for (var i = folded.IndexOf(term, StringComparison.Ordinal); i >= 0; i = folded.IndexOf(term, i + term.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return Math.Round(count * term.Length / (double)Math.Max(folded.Length, 1), 4);
    }
}
