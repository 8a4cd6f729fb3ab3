using Messaging.Core.Common;
using Messaging.Core.Encryption;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Notifications;

/// <summary>A user's own activity list: read it, count what is unread, mark it read.</summary>
public sealed class NotificationsHandler(IDbContextFactory<MessagingDbContext> dbFactory, ConversationCipher cipher, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    public const int PreviewLength = 140;

    public async Task<IReadOnlyList<NotificationView>> ListAsync(Guid userId, int? limit, Guid? before, CancellationToken cancellationToken = default)
    {
        var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Set<Notification>().AsNoTracking().Where(n => n.UserId == userId);
        if (before is { } pivot)
        {
            // Ids are version 7: their order is creation order on both providers.
            query = query.Where(n => n.Id < pivot);
        }

        var rows = await query.OrderByDescending(n => n.Id).Take(take).ToListAsync(cancellationToken);
        return await ToViewsAsync(db, rows, cancellationToken);
    }

    public async Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Notification>().CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
    }

    /// <summary>Marks read everything up to and including <paramref name="upToId"/> (all when null). Unknown ids are not an error.</summary>
    public async Task MarkReadAsync(Guid userId, Guid? upToId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNow();
        var query = db.Set<Notification>().Where(n => n.UserId == userId && n.ReadAt == null);
        if (upToId is { } pivot)
        {
            query = query.Where(n => n.Id <= pivot);
        }

        await query.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    internal async Task<IReadOnlyList<NotificationView>> ToViewsAsync(MessagingDbContext db, IReadOnlyList<Notification> rows, CancellationToken cancellationToken)
    {
        var actorIds = rows.Select(r => r.ActorId).Distinct().ToArray();
        var names = await db.Users.Where(u => actorIds.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.DeletedAt })
            .ToDictionaryAsync(u => u.Id, u => DataRights.DeletedAccount.NameOf(u.Name, u.DeletedAt), cancellationToken);
        var messageIds = rows.Where(r => r.MessageId is not null).Select(r => r.MessageId!.Value).Distinct().ToArray();
        var messages = await db.Messages
            .Where(m => messageIds.Contains(m.Id))
            .Join(db.Conversations, m => m.ConversationId, c => c.Id, (m, c) => new { m.Id, m.ConversationId, m.Content, m.Type, m.DeletedAt, c.WrappedDataKey })
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        return rows.Select(r =>
        {
            string? preview = null;
            if (r.MessageId is { } id && messages.TryGetValue(id, out var m) && m.DeletedAt is null && m.Type == MessageType.Text && m.Content is not null)
            {
                // Encrypted conversations keep ciphertext at rest; the recipient may read it, so it is opened for them here only.
                var text = m.WrappedDataKey is null ? m.Content : cipher.TryDecrypt(m.WrappedDataKey, CipherPlace.MessageContent(m.ConversationId, m.Id), m.Content) ?? EncryptionText.Unreadable;
                preview = Truncate(text, PreviewLength);
            }

            return new NotificationView(r.Id, r.Type, r.ConversationId, r.MessageId, r.ActorId, names.GetValueOrDefault(r.ActorId, ""), preview, r.CreatedAt, r.ReadAt);
        }).ToArray();
    }

    internal static string Truncate(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
