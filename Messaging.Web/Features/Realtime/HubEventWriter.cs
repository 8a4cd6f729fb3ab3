using System.Runtime.CompilerServices;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Messaging.Web.Features.Realtime;

/// <summary>
/// Turns a bus event into the hub event one connection of <c>userId</c> receives (or nothing). Every local recipient
/// of one bus event gets the same event instance, so a payload that is the same for everyone is serialized once per
/// event (<see cref="SerializedPayload"/>), not once per connection; only a conversation's per-user view is not.
/// </summary>
internal sealed class HubEventWriter(ConversationReader conversations, TimeProvider time)
{
    // Weak keys: the payload lives exactly as long as some connection's queue still holds the event.
    private readonly ConditionalWeakTable<MessagingEvent, SerializedPayload> payloads = new();

    /// <summary>The one serialized payload of <paramref name="messagingEvent"/>, shared by all its recipients.</summary>
    internal SerializedPayload PayloadOf(MessagingEvent messagingEvent) =>
        payloads.GetValue(messagingEvent, static e => new SerializedPayload(e switch
        {
            MessageEvent m => new MessagePayload(m.Message.ConversationId, m.Message),
            TypingEvent t => new TypingPayload(t.ConversationId, t.UserId, t.UserName),
            PresenceEvent p => new PresencePayload(p.UserId, p.Status, p.LastSeenAt),
            ReceiptEvent r => new ReceiptPayload(r.ConversationId, r.UserId, r.MessageId, r.Sequence, r.At),
            Core.Notifications.NotificationEvent n => new NotificationPayload(n.Notification),
            _ => throw new ArgumentException($"{e.GetType().Name} has a payload per recipient.", nameof(messagingEvent)),
        }));

    public async Task WriteAsync(ISingleClientProxy client, Guid userId, MessagingEvent messagingEvent, CancellationToken cancellationToken)
    {
        switch (messagingEvent)
        {
            case MessageEvent m:
                var name = m.Kind switch
                {
                    MessageEventKind.Updated => HubEventNames.MessageUpdated,
                    MessageEventKind.Deleted => HubEventNames.MessageDeleted,
                    _ => HubEventNames.NewMessage,
                };
                await client.SendAsync(name, PayloadOf(m), cancellationToken);
                break;

            case TypingEvent t when t.UserId != userId:
                await client.SendAsync(t.IsTyping ? HubEventNames.TypingStart : HubEventNames.TypingStop, PayloadOf(t), cancellationToken);
                break;

            case PresenceEvent p:
                await client.SendAsync(HubEventNames.PresenceChanged, PayloadOf(p), cancellationToken);
                break;

            case ReceiptEvent r:
                await client.SendAsync(r.Kind == ReceiptKind.Read ? HubEventNames.MessageRead : HubEventNames.MessageDelivered, PayloadOf(r), cancellationToken);
                break;

            case Core.Notifications.NotificationEvent n:
                await client.SendAsync(HubEventNames.Notification, PayloadOf(n), cancellationToken);
                break;

            case CatchUpEvent:
                // Events may have been missed (Redis was down): a second ready, on which a client catches up (docs/realtime.md).
                await client.SendAsync(HubEventNames.Ready, new ReadyPayload(time.GetUtcNow().UtcDateTime), cancellationToken);
                break;

            case ConversationChangedEvent c:
                // Each user sees their own view (unread count, mute, archive); someone removed hears nothing more of it.
                ConversationPayload payload;
                try
                {
                    payload = new ConversationPayload(await conversations.GetAsync(userId, c.ConversationId, cancellationToken));
                }
                catch (MessagingException)
                {
                    return;
                }

                await client.SendAsync(HubEventNames.ConversationUpdated, payload, cancellationToken);
                break;
        }
    }
}
