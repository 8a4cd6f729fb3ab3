namespace Messaging.Core.Messages;

/// <summary>One message of a conversation, numbered by <see cref="Sequence"/> without gaps.</summary>
public sealed class Message
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public long Sequence { get; set; }
    public Guid SenderId { get; set; }

    /// <summary>Plain text, or AES-GCM ciphertext (base64) when the conversation is encrypted; empty once deleted.</summary>
    public string Content { get; set; } = "";

    /// <summary>
    /// What the full-text index reads (<see cref="Search.SearchDocument"/>): folded words and their findable forms;
    /// always null in encrypted conversations and once deleted.
    /// </summary>
    public string? SearchText { get; set; }

    /// <summary>Whether the text contains a web link, for the search filter; false in encrypted conversations.</summary>
    public bool HasLink { get; set; }

    public MessageType Type { get; set; }
    public string? Language { get; set; }
    public Guid? ReplyToMessageId { get; set; }
    public Guid? ThreadId { get; set; }
    public int ReplyCount { get; set; }
    public bool IsEdited { get; set; }
    public DateTime? EditedAt { get; set; }
    public bool IsDeleted { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>Deleted by an administrator acting on a report: the tombstone says so.</summary>
    public bool RemovedByAdministrator { get; set; }
    public string? ClientMessageId { get; set; }
    public DateTime SentAt { get; set; }

    /// <summary>For system messages: what happened (see <see cref="SystemEvent"/>) and to whom, so each reader localizes it.</summary>
    public SystemEvent? SystemEvent { get; set; }
    public Guid? SystemSubjectUserId { get; set; }

    /// <summary>When it was pinned to the top of the conversation and by whom (see <see cref="Pins.PinMessageHandler"/>); null when not pinned.</summary>
    public DateTime? PinnedAt { get; set; }
    public Guid? PinnedById { get; set; }

    /// <summary>The sender asked every recipient to acknowledge it (rows in <see cref="Acknowledgements.Acknowledgement"/>).</summary>
    public bool RequiresAck { get; set; }

    /// <summary>For a forwarded copy: the original message, its conversation and its sender's name as it was then.</summary>
    public Guid? ForwardedFromConversationId { get; set; }
    public Guid? ForwardedFromMessageId { get; set; }
    public string? ForwardedFromSenderName { get; set; }
}
