using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Profiles;

/// <summary>
/// A new name or avatar shows in every conversation the person is in: the contract has no profile event, so each of
/// those conversations is re-sent to its participants as <c>conversation_updated</c> (its participant_details carry
/// name and avatar).
/// </summary>
public sealed class ProfileChanges(IDbContextFactory<MessagingDbContext> dbFactory, IEventBus events)
{
    public async Task PublishAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = db.Participants.Where(p => p.UserId == userId && p.IsActive).Select(p => p.ConversationId);
        var audiences = await db.Participants.AsNoTracking()
            .Where(p => mine.Contains(p.ConversationId) && p.IsActive)
            .Select(p => new { p.ConversationId, p.UserId })
            .ToListAsync(cancellationToken);
        foreach (var conversation in audiences.GroupBy(a => a.ConversationId))
        {
            await events.PublishAsync(new ConversationChangedEvent(conversation.Select(a => a.UserId).ToArray(), conversation.Key), cancellationToken);
        }
    }
}
