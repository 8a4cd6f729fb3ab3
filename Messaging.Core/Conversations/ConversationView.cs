using System.Text.Json.Serialization;

namespace Messaging.Core.Conversations;

/// <summary>A conversation as one user sees it: shared fields plus that user's archive, mute and unread state.</summary>
public sealed record ConversationView(
    Guid Id,
    string? Title,
    ConversationType ConversationType,
    IReadOnlyList<Guid> Participants,
    IReadOnlyList<ParticipantView> ParticipantDetails,
    bool IsEncrypted,
    bool AllowFileSharing,
    bool IsActive,
    bool IsArchived,
    bool IsMuted,
    DateTime? MutedUntil,
    int UnreadCount,
    Guid? LastMessageId,
    DateTime? LastMessageAt,
    string? LastMessagePreview,
    Guid CreatedBy,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    bool IsAccepted)
{
    /// <summary>What the viewer may do here (Core's rules, for the UI); not part of the API's JSON.</summary>
    [JsonIgnore]
    public ConversationCapabilities Capabilities { get; init; } = ConversationCapabilities.None;

    /// <summary>The viewer's own unsent text here (<c>draft</c>), on every device; never anyone else's.</summary>
    public string? Draft { get; init; }

    /// <summary>
    /// A direct conversation whose other person deleted their account: readable, but nobody can reply (the API shows it
    /// as <c>is_active: false</c>; the UI explains why instead of offering the composer).
    /// </summary>
    [JsonIgnore]
    public bool PeerDeleted { get; init; }

    /// <summary>The group's own retention setting (<c>retention_days</c>): null follows the deployment's default, 0 keeps forever.</summary>
    public int? RetentionDays { get; init; }

    /// <summary>How many days messages are kept here, all settings considered (<c>effective_retention_days</c>); null = forever.</summary>
    public int? EffectiveRetentionDays { get; init; }
}

public sealed record ParticipantView(Guid UserId, string Name, string? Avatar, ParticipantRole Role, bool IsOnline)
{
    /// <summary>The viewer may see this person's presence (<see cref="ActivityAudience"/>); the UI shows none otherwise.</summary>
    [JsonIgnore]
    public bool PresenceVisible { get; init; }
}
