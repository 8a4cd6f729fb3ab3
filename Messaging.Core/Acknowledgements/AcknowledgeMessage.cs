using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Acknowledgements;

/// <summary>
/// A recipient answers a "please acknowledge" request. Idempotent: a second acknowledgement keeps the first time and
/// announces nothing; the first reaches every participant as <c>message_updated</c> with the new <c>acks</c>.
/// </summary>
public sealed class AcknowledgeMessageHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    MessageMapper mapper,
    IEventBus events,
    TimeProvider time,
    SqliteWriteGate writeGate)
{
    public async Task<MessageView> HandleAsync(Guid actorId, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = (await db.RequireMembershipAsync(conversationId, actorId, cancellationToken)).RequireNotBlocked();
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(
                m => m.Id == messageId && m.ConversationId == conversationId && m.Sequence > membership.Caller.ClearedThroughSequence, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        if (message.IsDeleted)
        {
            throw new MessagingException(ErrorCode.MessageDeleted);
        }

        if (!message.RequiresAck)
        {
            throw new MessagingException(ErrorCode.AckNotRequested);
        }

        // The request goes to the others; the sender confirming their own message would only inflate the count.
        if (message.SenderId == actorId)
        {
            throw new MessagingException(ErrorCode.CannotAcknowledgeOwnMessage);
        }

        if (!await db.Set<Acknowledgement>().AnyAsync(a => a.MessageId == messageId && a.UserId == actorId, cancellationToken))
        {
            db.Set<Acknowledgement>().Add(new Acknowledgement { MessageId = messageId, UserId = actorId, At = time.UtcNow() });
            try
            {
                using (await writeGate.EnterAsync(cancellationToken))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
            catch (DbUpdateException)
            {
                // Another tab acknowledged at the same moment: done either way, and that one announced it.
                db.ChangeTracker.Clear();
                return await ViewAsync(db, membership, message, cancellationToken);
            }

            var view = await ViewAsync(db, membership, message, cancellationToken);
            await events.PublishAsync(new MessageEvent(membership.Audience, MessageEventKind.Updated, view), cancellationToken);
            return view;
        }

        return await ViewAsync(db, membership, message, cancellationToken);
    }

    private async Task<MessageView> ViewAsync(MessagingDbContext db, Membership membership, Message message, CancellationToken cancellationToken)
    {
        var context = await MessageMapper.WithAttachmentsAsync(db, membership.ReceiptContext(), [message.Id], cancellationToken);
        return mapper.ToView(message, context);
    }
}
