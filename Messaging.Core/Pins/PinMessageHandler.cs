using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Pins;

/// <summary>
/// Pins a message to the top of its conversation and takes it off again (who may: <see cref="ConversationCapabilities.CanPin"/>).
/// Both are idempotent; a change reaches every participant as <c>message_updated</c> with the new <c>is_pinned</c>.
/// </summary>
public sealed class PinMessageHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    MessageMapper mapper,
    IEventBus events,
    TimeProvider time)
{
    public Task<MessageView> PinAsync(Guid actorId, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, conversationId, messageId, pin: true, cancellationToken);

    public Task<MessageView> UnpinAsync(Guid actorId, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, conversationId, messageId, pin: false, cancellationToken);

    /// <summary>The conversation's pinned messages the caller can read, the most recently pinned first.</summary>
    public async Task<IReadOnlyList<MessageView>> ListAsync(Guid actorId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireMembershipAsync(conversationId, actorId, cancellationToken);
        var cleared = membership.Caller.ClearedThroughSequence;
        var pinned = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.PinnedAt != null && !m.IsDeleted && m.Sequence > cleared)
            .OrderByDescending(m => m.PinnedAt).ThenByDescending(m => m.Sequence)
            .Take(PinRules.MaxPerConversation)
            .ToListAsync(cancellationToken);
        var context = await MessageMapper.WithAttachmentsAsync(db, membership.ReceiptContext(), pinned.Select(m => m.Id).ToArray(), cancellationToken);
        return pinned.Select(m => mapper.ToView(m, context)).ToArray();
    }

    private async Task<MessageView> ChangeAsync(Guid actorId, Guid conversationId, Guid messageId, bool pin, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = (await db.RequireMembershipAsync(conversationId, actorId, cancellationToken)).RequireNotBlocked();
        var message = await db.Messages.FirstOrDefaultAsync(
                m => m.Id == messageId && m.ConversationId == conversationId && m.Sequence > membership.Caller.ClearedThroughSequence, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        if (!membership.Capabilities.CanPin)
        {
            membership.RequireGroupAdmin();
        }

        if (message.IsDeleted)
        {
            throw new MessagingException(ErrorCode.MessageDeleted);
        }

        if (message.Type == MessageType.System)
        {
            throw new MessagingException(ErrorCode.NotAllowed);
        }

        if (pin == (message.PinnedAt is not null))
        {
            // Already as asked: nothing changes and nobody needs to hear about it.
            return await ViewAsync(db, membership, message, cancellationToken);
        }

        if (pin)
        {
            var count = await db.Messages.CountAsync(m => m.ConversationId == conversationId && m.PinnedAt != null && !m.IsDeleted, cancellationToken);
            if (count >= PinRules.MaxPerConversation)
            {
                throw new MessagingException(ErrorCode.PinLimitReached);
            }

            message.PinnedAt = time.UtcNow();
            message.PinnedById = actorId;
        }
        else
        {
            message.PinnedAt = null;
            message.PinnedById = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        var view = await ViewAsync(db, membership, message, cancellationToken);
        await events.PublishAsync(new MessageEvent(membership.Audience, MessageEventKind.Updated, view), cancellationToken);
        return view;
    }

    private async Task<MessageView> ViewAsync(MessagingDbContext db, Membership membership, Message message, CancellationToken cancellationToken)
    {
        var context = await MessageMapper.WithAttachmentsAsync(db, membership.ReceiptContext(), [message.Id], cancellationToken);
        return mapper.ToView(message, context);
    }
}
