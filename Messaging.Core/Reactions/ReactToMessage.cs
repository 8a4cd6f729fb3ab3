using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Reactions;

/// <summary>
/// Adds or removes the caller's emoji on a message. Both are idempotent (the API's PUT and DELETE); a change reaches
/// every participant as <c>message_updated</c> with the new counts.
/// </summary>
public sealed class ReactToMessageHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    MessageMapper mapper,
    IEventBus events,
    TimeProvider time)
{
    public Task<MessageView> AddAsync(Guid actorId, Guid conversationId, Guid messageId, string? emoji, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, conversationId, messageId, ReactionRules.Validate(emoji), add: true, cancellationToken);

    public Task<MessageView> RemoveAsync(Guid actorId, Guid conversationId, Guid messageId, string? emoji, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, conversationId, messageId, ReactionRules.Validate(emoji), add: false, cancellationToken);

    /// <summary>Adds the emoji when the caller has not used it on this message yet, removes it otherwise (the UI's chips).</summary>
    public async Task<MessageView> ToggleAsync(Guid actorId, Guid conversationId, MessageView message, string emoji, CancellationToken cancellationToken = default)
    {
        var mine = message.Reactions.Any(r => r.Emoji == emoji && r.UserIds.Contains(actorId));
        return mine
            ? await RemoveAsync(actorId, conversationId, message.Id, emoji, cancellationToken)
            : await AddAsync(actorId, conversationId, message.Id, emoji, cancellationToken);
    }

    private async Task<MessageView> ChangeAsync(Guid actorId, Guid conversationId, Guid messageId, string emoji, bool add, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = (await db.RequireMembershipAsync(conversationId, actorId, cancellationToken)).RequireNotBlocked();
        var message = await db.Messages.FirstOrDefaultAsync(
                m => m.Id == messageId && m.ConversationId == conversationId && m.Sequence > membership.Caller.ClearedThroughSequence, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        if (message.IsDeleted)
        {
            throw new MessagingException(ErrorCode.MessageDeleted);
        }

        if (message.Type == MessageType.System)
        {
            throw new MessagingException(ErrorCode.NotAllowed);
        }

        var mine = await db.Reactions.Where(r => r.MessageId == messageId && r.UserId == actorId).ToListAsync(cancellationToken);
        var existing = mine.FirstOrDefault(r => r.Emoji == emoji);
        if (add == (existing is not null))
        {
            // Already as asked: nothing changes and nobody needs to hear about it.
            return await ViewAsync(db, membership, message, cancellationToken);
        }

        if (add)
        {
            if (mine.Count >= ReactionRules.MaxPerUserPerMessage)
            {
                throw new MessagingException(ErrorCode.ValidationFailed, "emoji");
            }

            db.Reactions.Add(new Reaction { MessageId = messageId, UserId = actorId, Emoji = emoji, CreatedAt = time.UtcNow() });
        }
        else
        {
            db.Reactions.Remove(existing!);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same PUT or DELETE from another tab won the race: the outcome is the one asked for.
            db.ChangeTracker.Clear();
            return await ViewAsync(db, membership, message, cancellationToken);
        }

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
