using Messaging.Core.Realtime;

namespace Messaging.Core.Notifications;

/// <summary>A notification as API.md shows it.</summary>
public sealed record NotificationView(
    Guid Id,
    NotificationType Type,
    Guid ConversationId,
    Guid? MessageId,
    Guid ActorId,
    string ActorName,
    string? Preview,
    DateTime CreatedAt,
    DateTime? ReadAt);

/// <summary>A new in-app notification for its one recipient.</summary>
public sealed record NotificationEvent(IReadOnlyList<Guid> Recipients, NotificationView Notification)
    : MessagingEvent(Recipients);
