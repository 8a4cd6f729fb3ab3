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
    bool IsAccepted);

public sealed record ParticipantView(Guid UserId, string Name, string? Avatar, ParticipantRole Role, bool IsOnline);
