namespace Messaging.Core.Messages;

/// <summary>A message as the API and the UI show it; receipts are derived from the participants' pointers.</summary>
public sealed record MessageView(
    Guid Id,
    Guid ConversationId,
    long Sequence,
    Guid SenderId,
    string SenderName,
    string? SenderAvatar,
    string Content,
    MessageType MessageType,
    string? Language,
    IReadOnlyList<Attachments.AttachmentView> Attachments,
    Guid? ReplyToMessageId,
    Guid? ThreadId,
    int ReplyCount,
    bool IsEdited,
    DateTime? EditedAt,
    bool IsDeleted,
    DateTime? DeletedAt,
    IReadOnlyList<DeliveryView> DeliveredTo,
    IReadOnlyList<ReadView> ReadBy,
    bool IsEncrypted,
    string? ClientMessageId,
    DateTime SentAt,
    SystemEvent? SystemEvent,
    Guid? SystemSubjectUserId)
{
    /// <summary>Emoji on the message, first-used first (empty on a tombstone).</summary>
    public IReadOnlyList<Reactions.ReactionView> Reactions { get; init; } = [];
}

public sealed record DeliveryView(Guid UserId, DateTime DeliveredAt);

public sealed record ReadView(Guid UserId, DateTime ReadAt);
