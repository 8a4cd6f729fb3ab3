using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Mentions;

/// <summary>Writes a message's mentions with it and reads them back for views and the notification planner.</summary>
internal static class MentionStore
{
    public static void Add(MessagingDbContext db, Guid messageId, IEnumerable<Guid> userIds) =>
        db.Set<MessageMention>().AddRange(userIds.Select(id => new MessageMention { MessageId = messageId, UserId = id }));

    public static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<Guid>>> LoadAsync(
        MessagingDbContext db, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<MessageMention>().AsNoTracking().Where(m => messageIds.Contains(m.MessageId)).ToListAsync(cancellationToken);
        return rows.GroupBy(m => m.MessageId).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(m => m.UserId).ToArray());
    }
}
