using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Presence;

namespace Messaging.Web.Features.Realtime;

/// <summary>The single argument of each server event, as API.md "Realtime hub" names it (serialized in snake_case).</summary>
internal sealed record MessagePayload(Guid ConversationId, MessageView Message);

internal sealed record TypingPayload(Guid ConversationId, Guid UserId, string UserName);

internal sealed record PresencePayload(Guid UserId, PresenceStatus Status, DateTime? LastSeenAt);

internal sealed record ReceiptPayload(Guid ConversationId, Guid UserId, Guid MessageId, long Sequence, DateTime At);

internal sealed record ConversationPayload(ConversationView Conversation);

internal sealed record NotificationPayload(Messaging.Core.Notifications.NotificationView Notification);
/// <summary><c>ready</c>: the connection is subscribed; events from now on are delivered live.</summary>
internal sealed record ReadyPayload(DateTime ServerTime);

/// <summary>Why a node asks its clients to reconnect.</summary>
internal enum ReconnectReason
{
    /// <summary>The node is stopping (restart, deploy, scale-in); any other node serves the client.</summary>
    Shutdown,
}

/// <summary><c>reconnect</c>: this node is going away; connect again (any node) and catch up with <c>after_sequence</c>.</summary>
internal sealed record ReconnectPayload(ReconnectReason Reason, DateTime ServerTime);
