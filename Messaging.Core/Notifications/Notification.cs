namespace Messaging.Core.Notifications;

/// <summary>One entry of a user's activity list (the bell).</summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public NotificationType Type { get; set; }
    public Guid ConversationId { get; set; }
    public Guid? MessageId { get; set; }
    public Guid ActorId { get; set; }

    /// <summary>The outbox entry that produced it; unique per user, so a second dispatch of one entry adds nothing.</summary>
    public Guid SourceId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>A browser's Web Push subscription (RFC 8030), with the keys its payloads are encrypted to (RFC 8291).</summary>
public sealed class PushSubscription
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Endpoint { get; set; } = "";
    public string P256dh { get; set; } = "";
    public string Auth { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A message a recipient may hear about by email if it is still unread at <see cref="DueAt"/>.</summary>
public sealed class EmailDigestItem
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public Guid ConversationId { get; set; }
    public Guid MessageId { get; set; }
    public long Sequence { get; set; }
    public DateTime DueAt { get; set; }

    /// <summary>Set once a digest run took the item (sent or dropped); it is never looked at again.</summary>
    public DateTime? ClaimedAt { get; set; }
}
