using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Attachments;

/// <summary>The link between messages and their attachments, used by sending and by every message view.</summary>
public static class MessageAttachments
{
    public const int MaxPerMessage = 10;

    /// <summary>
    /// Checks the attachments of a message about to be sent: each must be the sender's own finished upload to this
    /// conversation, not sent with another message, and the conversation must allow files. Returns the message type
    /// and a preview text (the first file's name) for a message without words.
    /// </summary>
    internal static async Task<(MessageType Type, string Preview)> CheckAsync(
        MessagingDbContext db, Conversation conversation, Guid senderId, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        if (ids is not { Count: > 0 })
        {
            return (MessageType.Text, "");
        }

        if (!conversation.AllowFileSharing)
        {
            throw new MessagingException(ErrorCode.FileSharingDisabled, "attachments");
        }

        var distinct = ids.Distinct().ToArray();
        if (distinct.Length != ids.Count || distinct.Length > MaxPerMessage)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "attachments");
        }

        var files = await db.Attachments.AsNoTracking()
            .Where(a => distinct.Contains(a.Id) && a.ConversationId == conversation.Id && a.UploaderId == senderId
                        && a.MessageId == null && a.State != AttachmentState.Uploading)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        if (files.Count != distinct.Length)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "attachments");
        }

        var type = files.All(f => f.Kind == AttachmentKind.Image) ? MessageType.Image : MessageType.File;
        return (type, files[0].FileName);
    }

    /// <summary>
    /// Links the checked attachments to the saved <paramref name="message"/> (same transaction). One conditional
    /// update, so of two racing sends of the same file only one claims it; the other fails and rolls back.
    /// </summary>
    internal static async Task ClaimAsync(
        MessagingDbContext db, Message message, IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        if (ids is not { Count: > 0 })
        {
            return;
        }

        var distinct = ids.Distinct().ToArray();
        var messageId = message.Id;
        var claimed = await db.Attachments
            .Where(a => distinct.Contains(a.Id) && a.ConversationId == message.ConversationId && a.UploaderId == message.SenderId
                        && a.MessageId == null && a.State != AttachmentState.Uploading)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.MessageId, messageId), cancellationToken);
        if (claimed != distinct.Length)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "attachments");
        }
    }

    /// <summary>The attachments of <paramref name="messageIds"/>, by message, in upload order.</summary>
    internal static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<AttachmentView>>> LoadAsync(
        MessagingDbContext db, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return Empty;
        }

        var rows = await db.Attachments.AsNoTracking()
            .Where(a => a.MessageId != null && messageIds.Contains(a.MessageId.Value))
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return rows.GroupBy(a => a.MessageId!.Value).ToDictionary(g => g.Key, g => (IReadOnlyList<AttachmentView>)g.Select(AttachmentView.Of).ToArray());
    }

    internal static readonly IReadOnlyDictionary<Guid, IReadOnlyList<AttachmentView>> Empty = new Dictionary<Guid, IReadOnlyList<AttachmentView>>();
}
