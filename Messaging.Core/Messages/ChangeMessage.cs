using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Messaging.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Messages;

/// <summary>Edit (sender only, within the edit window; the replaced text is kept as history) and delete (sender, or a group admin) a message; deletion leaves a tombstone.</summary>
public sealed class ChangeMessageHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    ConversationCipher cipher,
    MessageMapper mapper,
    IEventBus events,
    EditWindow editWindow,
    TimeProvider time,
    BlindIndex blindIndex)
{
    public async Task<MessageView> EditAsync(Guid actorId, Guid conversationId, Guid messageId, string? content, CancellationToken cancellationToken = default)
    {
        var text = MessageRules.ValidateContent(content);
        return await ChangeAsync(actorId, conversationId, messageId, MessageEventKind.Updated, text, (membership, message, now, history) =>
        {
            if (!membership.Capabilities.CanEdit(message.SenderId, message.Type, message.IsDeleted))
            {
                throw new MessagingException(ErrorCode.NotSender);
            }

            if (!editWindow.IsOpen(message.SentAt))
            {
                throw new MessagingException(ErrorCode.EditWindowClosed);
            }

            var conversation = membership.Conversation;
            // The text being replaced goes to the history as stored (still encrypted in an encrypted conversation).
            history.Add(new MessageEdit { Id = Guid.NewGuid(), MessageId = message.Id, Content = message.Content, ReplacedAt = now });
            message.Content = conversation.IsEncrypted ? cipher.Encrypt(conversation.WrappedDataKey!, CipherPlace.MessageContent(conversation.Id, message.Id), text) : text;
            message.SearchText = conversation.IsEncrypted ? null : SearchDocument.For(text);
            message.HasLink = !conversation.IsEncrypted && LinkDetector.HasLink(text);
            message.IsEdited = true;
            message.EditedAt = now;
            if (conversation.LastMessageId == message.Id)
            {
                conversation.LastMessagePreview = conversation.IsEncrypted
                    ? cipher.Encrypt(conversation.WrappedDataKey!, CipherPlace.ConversationPreview(conversation.Id), ConversationTimeline.Preview(text))
                    : ConversationTimeline.Preview(text);
            }
        }, cancellationToken);
    }

    public Task DeleteAsync(Guid actorId, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actorId, conversationId, messageId, MessageEventKind.Deleted, null, (membership, message, now, _) =>
        {
            if (!membership.Capabilities.CanDelete(message.SenderId, message.Type, message.IsDeleted))
            {
                throw new MessagingException(ErrorCode.NotSender);
            }

            message.Content = "";
            message.SearchText = null;
            message.HasLink = false;
            message.IsDeleted = true;
            message.DeletedAt = now;
            // A tombstone is nothing to point people at.
            message.PinnedAt = null;
            message.PinnedById = null;
            if (membership.Conversation.LastMessageId == message.Id)
            {
                membership.Conversation.LastMessagePreview = null;
            }
        }, cancellationToken);

    private async Task<MessageView> ChangeAsync(
        Guid actorId, Guid conversationId, Guid messageId, MessageEventKind kind, string? newText,
        Action<Membership, Message, DateTime, DbSet<MessageEdit>> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireMembershipAsync(conversationId, actorId, cancellationToken);
        var message = await db.Messages.FirstOrDefaultAsync(
                m => m.Id == messageId && m.ConversationId == conversationId && m.Sequence > membership.Caller.ClearedThroughSequence, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        if (message.IsDeleted)
        {
            throw new MessagingException(ErrorCode.MessageDeleted);
        }

        change(membership, message, time.UtcNow(), db.MessageEdits);
        if (membership.Conversation.IsEncrypted)
        {
            // The blind index follows the text (null: a deletion empties it), saved with the change below.
            await blindIndex.ReplaceAsync(db, membership.Conversation, message.Id, newText, cancellationToken);
        }

        if (kind == MessageEventKind.Deleted)
        {
            // A tombstone keeps no earlier text either.
            await db.MessageEdits.Where(e => e.MessageId == message.Id).ExecuteDeleteAsync(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);

        var context = await MessageMapper.WithAttachmentsAsync(db, membership.ReceiptContext(), [message.Id], cancellationToken);
        var view = mapper.ToView(message, context);
        await events.PublishAsync(new MessageEvent(membership.Audience, kind, view), cancellationToken);
        return view;
    }
}
