using System.Security.Cryptography;
using Messaging.Core.Encryption;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Search;

/// <summary>The filters of a search other than its words, as <see cref="SearchMessagesHandler"/> read them.</summary>
public sealed record SearchFilters(Guid? ConversationId, Guid? FromUserId, MessageType? Type, bool Links, DateTime? Before, DateTime? After);

/// <summary>
/// The encrypted half of a search: the caller's active encrypted conversations are looked up in their blind index
/// (<see cref="BlindIndex"/>), the candidates decrypted for the caller and checked against the query, and highlights
/// computed on the plaintext. Scored by the share of the message's words that match (0..1; not comparable with the
/// database's own scores, see ADR 0028).
/// </summary>
public sealed class EncryptedSearch(BlindIndex index, ConversationCipher cipher)
{
    /// <summary>The newest candidates decrypted per search; a very common word in a huge conversation finds its newest uses.</summary>
    public const int MaxCandidates = 2000;

    public async Task<IReadOnlyList<MessageSearchResult>> FindAsync(
        MessagingDbContext db, Guid userId, SearchQuery query, SearchFilters filters, CancellationToken cancellationToken)
    {
        // Only conversations the caller is an active member of: a removed member's key is no longer used for them.
        var conversations = await (
                from p in db.Participants
                join c in db.Conversations on p.ConversationId equals c.Id
                where p.UserId == userId && p.IsActive && c.IsEncrypted && c.WrappedDataKey != null
                      && (filters.ConversationId == null || c.Id == filters.ConversationId)
                select new { c.Id, c.Title, Key = c.WrappedDataKey! })
            .ToListAsync(cancellationToken);
        if (conversations.Count == 0)
        {
            return [];
        }

        // Per query word, the hashes it may have in each conversation (each conversation has its own key).
        var perTerm = query.Terms.Select(_ => new List<string>()).ToArray();
        var lookedUp = new bool[query.Terms.Count];
        foreach (var conversation in conversations)
        {
            var key = index.KeyFor(conversation.Id, conversation.Key);
            try
            {
                for (var i = 0; i < query.Terms.Count; i++)
                {
                    if (BlindIndex.HashesOf(key, query.Terms[i]) is { } hashes)
                    {
                        perTerm[i].AddRange(hashes);
                        lookedUp[i] = true;
                    }
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }

        var ids = conversations.Select(c => c.Id).ToArray();
        IQueryable<Guid>? candidates = null;
        for (var i = 0; i < perTerm.Length; i++)
        {
            if (!lookedUp[i])
            {
                continue;
            }

            var hashes = perTerm[i].ToArray();
            candidates = candidates is null
                ? db.BlindTokens.Where(t => ids.Contains(t.ConversationId) && hashes.Contains(t.Hash)).Select(t => t.MessageId)
                : candidates.Where(id => db.BlindTokens.Any(t => t.MessageId == id && hashes.Contains(t.Hash)));
        }

        if (candidates is null)
        {
            return [];
        }

        var (conversationId, fromUserId, type, _, before, after) = filters;
        var rows = await (
                from m in db.Messages
                where candidates.Contains(m.Id)
                join p in db.Participants on m.ConversationId equals p.ConversationId
                where p.UserId == userId && p.IsActive && m.Sequence > p.ClearedThroughSequence && !m.IsDeleted
                      && (conversationId == null || m.ConversationId == conversationId)
                      && (fromUserId == null || m.SenderId == fromUserId)
                      && (type == null || m.Type == type)
                      && (before == null || m.SentAt < before)
                      && (after == null || m.SentAt > after)
                join u in db.Users on m.SenderId equals u.Id
                orderby m.SentAt descending, m.Id descending
                select new { m.Id, m.ConversationId, m.Sequence, m.Content, m.SenderId, u.Name, u.DeletedAt, m.SentAt })
            .Take(MaxCandidates)
            .ToListAsync(cancellationToken);

        var byId = conversations.ToDictionary(c => c.Id);
        var results = new List<MessageSearchResult>();
        foreach (var r in rows)
        {
            var conversation = byId[r.ConversationId];
            // Decrypted for the caller only here, in memory; a row that does not open is skipped, never shown.
            if (cipher.TryDecrypt(conversation.Key, CipherPlace.MessageContent(r.ConversationId, r.Id), r.Content) is not { } text
                || !SearchHighlights.ContainsAll(text, query)
                || (filters.Links && !LinkDetector.HasLink(text)))
            {
                continue;
            }

            var spans = SearchHighlights.Find(text, query);
            var words = Math.Max(1, SearchDocument.Words(TextNormalizer.Normalize(text)).Count());
            results.Add(new MessageSearchResult(
                r.Id, r.ConversationId, conversation.Title, r.Sequence, text, SearchHighlights.Excerpt(text, spans), spans,
                r.SenderId, DataRights.DeletedAccount.NameOf(r.Name, r.DeletedAt), r.SentAt, Math.Round(Math.Min(1.0, spans.Count / (double)words), 6)));
        }

        return results;
    }
}
