namespace Messaging.Core.Conversations;

/// <summary>A direct or group conversation. Per-user state (archive, mute, read pointers) lives on <see cref="Participant"/>.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }
    public ConversationType Type { get; set; }
    public string? Title { get; set; }

    /// <summary>"smallerId:largerId" for direct conversations, so one pair always maps to one row (unique index).</summary>
    public string? DirectKey { get; set; }

    public bool IsEncrypted { get; set; }

    /// <summary>The conversation's AES-256 data key, wrapped by ASP.NET Core Data Protection; null unless encrypted.</summary>
    public string? WrappedDataKey { get; set; }

    public bool AllowFileSharing { get; set; } = true;
    public bool IsActive { get; set; } = true;
    public Guid CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The sequence of the newest message; incremented atomically to number the next one.</summary>
    public long LastSequence { get; set; }

    public Guid? LastMessageId { get; set; }
    public DateTime? LastMessageAt { get; set; }

    /// <summary>Preview of the newest message; ciphertext when the conversation is encrypted.</summary>
    public string? LastMessagePreview { get; set; }

    /// <summary>
    /// How many days messages are kept here (see <see cref="Retention.RetentionPeriods"/>): set by a group admin; 0 keeps them
    /// forever; null follows the deployment's <c>Messaging:Retention:Days</c>.
    /// </summary>
    public int? RetentionDays { get; set; }

    public List<Participant> Participants { get; set; } = [];
}
