using Messaging.Core.Attachments;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Persistence;
using Messaging.Core.Reactions;
using Messaging.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Messages;

/// <summary>
/// Turns stored messages into <see cref="MessageView"/>s for one viewer: decrypts, names senders, derives receipts. The one
/// mapping of messages; its <see cref="ReceiptContext"/> comes from <see cref="Membership.ReceiptContext(Guid)"/>.
/// </summary>
public sealed class MessageMapper(ConversationCipher cipher)
{
    /// <summary>The context with the attachments and reactions of <paramref name="messageIds"/> loaded.</summary>
    internal static async Task<ReceiptContext> WithAttachmentsAsync(
        MessagingDbContext db, ReceiptContext context, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken)
    {
        return context with
        {
            Attachments = await MessageAttachments.LoadAsync(db, messageIds, cancellationToken),
            Reactions = await LoadReactionsAsync(db, messageIds, cancellationToken),
            Mentions = await Mentions.MentionStore.LoadAsync(db, messageIds, cancellationToken),
            Acks = await Acknowledgements.AckLoader.LoadAsync(db, messageIds, cancellationToken),
        };
    }

    private static async Task<IReadOnlyDictionary<Guid, IReadOnlyList<ReactionView>>> LoadReactionsAsync(
        MessagingDbContext db, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken)
    {
        var rows = await db.Reactions.AsNoTracking().Where(r => messageIds.Contains(r.MessageId)).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => ReactionRules.Summarize(g));
    }

    internal MessageView ToView(Message message, ReceiptContext context)
    {
        var (name, avatar) = context.Names.GetValueOrDefault(message.SenderId, ("", null));
        var content = message.IsDeleted || !context.Conversation.IsEncrypted
            ? message.Content
            : cipher.TryDecrypt(context.Conversation.WrappedDataKey!, CipherPlace.MessageContent(message.ConversationId, message.Id), message.Content) ?? EncryptionText.Unreadable;

        var others = context.Pointers.Where(p => p.UserId != message.SenderId && p.IsActive && p.Visible && message.Type != MessageType.System).ToList();
        var delivered = others
            .Where(p => Math.Max(p.LastDeliveredSequence, p.LastReadSequence) >= message.Sequence)
            .Select(p => new DeliveryView(p.UserId, Earliest(p.LastDeliveredAt, p.LastReadAt) ?? message.SentAt))
            .ToArray();
        // Read receipts are reciprocal: hidden from a viewer who does not share their own, and never shown for a reader who opted out.
        var read = context.ViewerSharesReads
            ? others.Where(p => p.SendsReadReceipts && p.LastReadSequence >= message.Sequence)
                .Select(p => new ReadView(p.UserId, p.LastReadAt ?? message.SentAt)).ToArray()
            : [];

        return new MessageView(
            message.Id, message.ConversationId, message.Sequence, message.SenderId, name, avatar, content, message.Type,
            message.Language, message.IsDeleted ? [] : context.Attachments.GetValueOrDefault(message.Id, []), message.ReplyToMessageId, message.ThreadId, message.ReplyCount, message.IsEdited,
            message.EditedAt, message.IsDeleted, message.DeletedAt, delivered, read, context.Conversation.IsEncrypted,
            message.ClientMessageId, message.SentAt, message.SystemEvent, message.SystemSubjectUserId)
        {
            Reactions = message.IsDeleted ? [] : context.Reactions.GetValueOrDefault(message.Id, []),
            IsPinned = message.PinnedAt is not null && !message.IsDeleted,
            Mentions = message.IsDeleted ? [] : context.Mentions.GetValueOrDefault(message.Id, []),
            RemovedByAdministrator = message.RemovedByAdministrator,
            RequiresAck = message.RequiresAck && !message.IsDeleted,
            Acks = message.RequiresAck && !message.IsDeleted ? context.Acks.GetValueOrDefault(message.Id, []) : [],
            AckRecipients = message.RequiresAck && !message.IsDeleted ? context.Pointers.Where(p => p.IsActive && p.UserId != message.SenderId).Select(p => p.UserId).ToArray() : [],
            ForwardedFrom = message.ForwardedFromMessageId is { } origin
                ? new Forwarding.ForwardedFromView(message.ForwardedFromConversationId!.Value, origin, message.ForwardedFromSenderName ?? "")
                : null,
        };
    }

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;

    internal sealed record ReceiptPointer(
        Guid UserId, bool IsActive, long LastReadSequence, DateTime? LastReadAt, long LastDeliveredSequence, DateTime? LastDeliveredAt, bool SendsReadReceipts)
    {
        /// <summary>False when the viewer may not see this member's activity (pending, or a block between them).</summary>
        public bool Visible { get; init; } = true;
    }

    internal sealed record ReceiptContext(
        Conversation Conversation,
        IReadOnlyList<ReceiptPointer> Pointers,
        IReadOnlyDictionary<Guid, (string Name, string? AvatarUrl)> Names,
        bool ViewerSharesReads)
    {
        /// <summary>Attachments by message id, for the messages about to be mapped.</summary>
        public IReadOnlyDictionary<Guid, IReadOnlyList<Attachments.AttachmentView>> Attachments { get; init; } = MessageAttachments.Empty;

        /// <summary>Reactions by message id, for the messages about to be mapped.</summary>
        public IReadOnlyDictionary<Guid, IReadOnlyList<ReactionView>> Reactions { get; init; } = new Dictionary<Guid, IReadOnlyList<ReactionView>>();

        /// <summary>Mentioned user ids by message id, for the messages about to be mapped.</summary>
        public IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> Mentions { get; init; } = new Dictionary<Guid, IReadOnlyList<Guid>>();

        /// <summary>Acknowledgements by message id, for the messages about to be mapped.</summary>
        public IReadOnlyDictionary<Guid, IReadOnlyList<Acknowledgements.AckView>> Acks { get; init; } = new Dictionary<Guid, IReadOnlyList<Acknowledgements.AckView>>();
    }
}
