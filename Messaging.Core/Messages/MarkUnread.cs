using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Messages;

/// <summary>
/// "Mark unread" from a message: moves the caller's read pointer to just before it, so the conversation counts that
/// message and everything after it as unread again. Every device of the caller re-reads the conversation
/// (<c>conversation_updated</c>); the delivered pointer stays, it was delivered.
/// </summary>
public sealed class MarkUnreadHandler(IDbContextFactory<MessagingDbContext> dbFactory, IEventBus events, SqliteWriteGate writeGate)
{
    public async Task HandleAsync(Guid userId, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireMembershipAsync(conversationId, userId, cancellationToken);
        var participant = membership.Caller;
        var message = await db.Messages.AsNoTracking()
            .Where(m => m.Id == messageId && m.ConversationId == conversationId && m.Sequence > participant.ClearedThroughSequence)
            .Select(m => new { m.Sequence, m.SenderId, m.Type })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);

        // One's own messages and system lines are never "unread" for oneself.
        if (message.SenderId == userId || message.Type == MessageType.System)
        {
            throw new MessagingException(ErrorCode.NotAllowed);
        }

        var before = message.Sequence - 1;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.Participants.Where(p => p.ConversationId == conversationId && p.UserId == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastReadSequence, before), cancellationToken);
        }

        await events.PublishAsync(new ConversationChangedEvent([userId], conversationId), cancellationToken);
    }
}
