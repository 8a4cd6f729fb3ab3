using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Encryption;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Presence;
using Messaging.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Conversations;

/// <summary>Builds <see cref="ConversationView"/>s for one user: the list, and a single conversation.</summary>
public sealed class ConversationReader(
    IDbContextFactory<MessagingDbContext> dbFactory,
    ConversationCipher cipher,
    IPresenceReader presence,
    Microsoft.Extensions.Options.IOptions<Retention.RetentionOptions> retention,
    TimeProvider time)
{
    public async Task<IReadOnlyList<ConversationView>> ListAsync(
        Guid userId, bool archived, int? limit, CancellationToken cancellationToken = default)
    {
        var take = Limits.Clamp(limit, Limits.DefaultPageSize, Limits.MaxConversationPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.RequireVerifiedAsync(userId, cancellationToken);
        var memberships = await db.Participants
            .Include(p => p.Conversation)
            .Where(p => p.UserId == userId && p.IsActive && !p.IsHidden && p.IsArchived == archived)
            .OrderByDescending(p => p.Conversation!.LastMessageAt ?? p.Conversation.CreatedAt)
            .Take(take)
            .ToListAsync(cancellationToken);
        return await ToViewsAsync(db, userId, memberships, cancellationToken);
    }

    public async Task<ConversationView> GetAsync(Guid userId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireMembershipAsync(conversationId, userId, cancellationToken);
        return (await ToViewsAsync(db, userId, [membership.Caller], cancellationToken))[0];
    }

    private async Task<IReadOnlyList<ConversationView>> ToViewsAsync(
        MessagingDbContext db, Guid userId, List<Participant> memberships, CancellationToken cancellationToken)
    {
        if (memberships.Count == 0)
        {
            return [];
        }

        var ids = memberships.Select(p => p.ConversationId).ToArray();
        var members = await db.Participants
            .Where(p => ids.Contains(p.ConversationId) && p.IsActive)
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p.ConversationId, p.UserId, p.Role, p.JoinedAt, u.Name, u.DeletedAt, u.AvatarUrl })
            .ToListAsync(cancellationToken);
        var membersByConversation = members.ToLookup(m => m.ConversationId);
        // "Online" is presence: shown only for people whose activity the viewer may see (ActivityAudience).
        var people = members.Select(m => m.UserId).Where(id => id != userId).Distinct().ToArray();
        var visible = (await ActivityAudience.VisibleTo(db, userId, people).ToListAsync(cancellationToken)).ToHashSet();

        var unread = await (
                from m in db.Messages
                join p in db.Participants on m.ConversationId equals p.ConversationId
                where p.UserId == userId && ids.Contains(m.ConversationId)
                      && m.Sequence > p.LastReadSequence && m.Sequence > p.ClearedThroughSequence
                      && m.SenderId != userId && m.Type != MessageType.System && !m.IsDeleted
                group m by m.ConversationId into g
                select new { ConversationId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ConversationId, x => x.Count, cancellationToken);

        var now = time.UtcNow();
        bool Visible(Guid id) => id == userId || visible.Contains(id);
        bool IsOnline(Guid id) => Visible(id) && presence.GetStatus(id) != PresenceStatus.Offline;
        return memberships.Select(p =>
        {
            var c = p.Of();
            var inConversation = membersByConversation[c.Id].OrderBy(m => m.JoinedAt).ToList();
            // A direct conversation whose other person deleted their account takes no new messages (ADR 0032): not active.
            var peerDeleted = c.Type == ConversationType.Direct && inConversation.Any(m => m.UserId != userId && m.DeletedAt != null);
            return new ConversationView(
                c.Id,
                c.Title,
                c.Type,
                inConversation.Select(m => m.UserId).ToArray(),
                inConversation.Select(m => new ParticipantView(m.UserId, DataRights.DeletedAccount.NameOf(m.Name, m.DeletedAt), m.AvatarUrl, m.Role, IsOnline(m.UserId)) { PresenceVisible = Visible(m.UserId) }).ToArray(),
                c.IsEncrypted,
                c.AllowFileSharing,
                c.IsActive && !peerDeleted,
                p.IsArchived,
                p.IsMutedAt(now),
                p.IsMutedAt(now) ? p.MutedUntil : null,
                unread.GetValueOrDefault(c.Id),
                c.LastMessageId,
                c.LastMessageAt,
                Preview(c),
                c.CreatedBy,
                c.CreatedAt,
                c.UpdatedAt,
                p.AcceptedAt is not null)
            {
                Capabilities = ConversationCapabilities.For(c.Type, p.Role, userId),
                Draft = Drafts.SaveDraftHandler.Read(cipher, c, p),
                PeerDeleted = peerDeleted,
                RetentionDays = c.RetentionDays,
                EffectiveRetentionDays = Retention.RetentionPeriods.Effective(c.RetentionDays, retention.Value.Days),
            };
        }).ToArray();
    }

    private string? Preview(Conversation conversation) =>
        conversation.LastMessagePreview is null || !conversation.IsEncrypted
            ? conversation.LastMessagePreview
            : cipher.TryDecrypt(conversation.WrappedDataKey!, CipherPlace.ConversationPreview(conversation.Id), conversation.LastMessagePreview) ?? EncryptionText.Unreadable;
}
