namespace Messaging.Core.Conversations;

/// <summary>A user's membership of a conversation, with everything that is theirs alone about it.</summary>
public sealed class Participant
{
    public Guid ConversationId { get; set; }
    public Guid UserId { get; set; }
    public ParticipantRole Role { get; set; }
    public DateTime JoinedAt { get; set; }

    /// <summary>False once the user left or was removed; the row stays so history keeps its sender.</summary>
    public bool IsActive { get; set; } = true;
    public DateTime? LeftAt { get; set; }

    /// <summary>When the user accepted the conversation (created it, auto-accepted, replied, or accepted the invite).</summary>
    public DateTime? AcceptedAt { get; set; }

    public bool IsArchived { get; set; }
    public bool IsMuted { get; set; }
    public DateTime? MutedUntil { get; set; }

    /// <summary>Delete-for-me: hidden from the user's list until a new message arrives, history cut at this sequence.</summary>
    public bool IsHidden { get; set; }
    public long ClearedThroughSequence { get; set; }

    public long LastReadSequence { get; set; }
    public DateTime? LastReadAt { get; set; }
    public long LastDeliveredSequence { get; set; }
    public DateTime? LastDeliveredAt { get; set; }

    /// <summary>
    /// What the user was writing here and has not sent (see <see cref="Drafts.SaveDraftHandler"/>): theirs alone, on every
    /// device; ciphertext in an encrypted conversation; cleared by their next message.
    /// </summary>
    public string? Draft { get; set; }
    public DateTime? DraftUpdatedAt { get; set; }

    public Conversation? Conversation { get; set; }

    public bool IsMutedAt(DateTime now) => IsMuted && (MutedUntil is null || MutedUntil > now);
}
