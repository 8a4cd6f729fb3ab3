using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Messaging.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Messages;

/// <summary>Edit (sender only) and delete (sender, or a group admin) a message; deletion leaves a tombstone.</summary>
public sealed class ChangeMessageHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    ConversationCipher cipher,
    MessageMapper mapper,
    IEventBus events,
    TimeProvider time)
{
    public async Task<MessageView> EditAsync(Guid actorId, Guid conversationId, Guid messageId, string? content, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            throw new MessagingException(ErrorCode.ContentRequired, "content");
        }

        if (content.Length > Limits.MaxMessageLength)
        {
            throw new MessagingException(ErrorCode.ContentTooLong, "content");
        }

        return await ChangeAsync(actorId, conversationId, messageId, MessageEventKind.Updated, (participant, message, now) =>
        {
            if (message.SenderId != actorId || message.Type == MessageType.System)
            {
                throw new MessagingException(ErrorCode.NotSender);
            }

            var conversation = participant.Of();
            message.Content = conversation.IsEncrypted ? cipher.Encrypt(conversation.WrappedDataKey!, content) : content;
            message.SearchText = conversation.IsEncrypted ? null : TextNormalizer.Normalize(content);
            message.IsEdited = true;
            message.EditedAt = now;
            if (conversation.LastMessageId == message.Id)
            {
                conversation.LastMessagePreview = conversation.IsEncrypted
                    ? cipher.Encrypt(conversation.WrappedDataKey!, ConversationTimeline.Preview(content))
                    : ConversationTimeline.Preview(content);
            }
        }, cancellationToken);
    }

    public Task DeleteAsync(Guid actorId, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, conversationId, messageId, MessageEventKind.Deleted, (participant, message, now) =>
        {
            var isGroupAdmin = participant.Role == ParticipantRole.Admin && participant.Of().Type == ConversationType.Group;
            if ((message.SenderId != actorId && !isGroupAdmin) || message.Type == MessageType.System)
            {
                throw new MessagingException(ErrorCode.NotSender);
            }

            message.Content = "";
            message.SearchText = null;
            message.IsDeleted = true;
            message.DeletedAt = now;
            if (participant.Of().LastMessageId == message.Id)
            {
                participant.Of().LastMessagePreview = null;
            }
        }, cancellationToken);

    private async Task<MessageView> ChangeAsync(
        Guid actorId, Guid conversationId, Guid messageId, MessageEventKind kind, Action<Participant, Message, DateTime> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participant = await db.RequireParticipantAsync(conversationId, actorId, cancellationToken);
        var message = await db.Messages.FirstOrDefaultAsync(
                m => m.Id == messageId && m.ConversationId == conversationId && m.Sequence > participant.ClearedThroughSequence, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        if (message.IsDeleted)
        {
            throw new MessagingException(ErrorCode.MessageDeleted);
        }

        change(participant, message, time.UtcNow());
        await db.SaveChangesAsync(cancellationToken);

        var context = await mapper.LoadContextAsync(db, participant.Of(), actorId, [message.SenderId], cancellationToken);
        context = await MessageMapper.WithAttachmentsAsync(db, context, [message.Id], cancellationToken);
        var view = mapper.ToView(message, context);
        var audience = context.Pointers.Where(p => p.IsActive).Select(p => p.UserId).ToArray();
        await events.PublishAsync(new MessageEvent(audience, kind, view), cancellationToken);
        return view;
    }
}
