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

    /// <summary>Pinned to the top of the conversation for everyone (never a tombstone).</summary>
    public bool IsPinned { get; init; }

    /// <summary>The participants named with @ in it (user ids; empty on a tombstone).</summary>
    public IReadOnlyList<Guid> Mentions { get; init; } = [];

    /// <summary>The tombstone of a message an administrator removed after a report.</summary>
    public bool RemovedByAdministrator { get; init; }

    /// <summary>The sender asked the recipients to acknowledge this message.</summary>
    public bool RequiresAck { get; init; }

    /// <summary>Who acknowledged, in the order they did (empty unless <see cref="RequiresAck"/>).</summary>
    public IReadOnlyList<Acknowledgements.AckView> Acks { get; init; } = [];

    /// <summary>
    /// The people asked to acknowledge (<c>ack_recipients</c>, an extension of API.md): today's active members but the
    /// sender, decided here so every client counts "n of m" alike. Serialized, so it survives the Redis hop between nodes.
    /// </summary>
    public IReadOnlyList<Guid> AckRecipients { get; init; } = [];

    /// <summary>Set on a forwarded copy: where the original is.</summary>
    public Forwarding.ForwardedFromView? ForwardedFrom { get; init; }
}

public sealed record DeliveryView(Guid UserId, DateTime DeliveredAt);

public sealed record ReadView(Guid UserId, DateTime ReadAt);
