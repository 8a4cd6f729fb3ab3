using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace Messaging.Web.Features.Realtime;

/// <summary>Turns a bus event into the hub event one connection of <c>userId</c> receives (or nothing).</summary>
internal sealed class HubEventWriter(ConversationReader conversations)
{
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
                await client.SendAsync(name, new MessagePayload(m.Message.ConversationId, m.Message), cancellationToken);
                break;

            case TypingEvent t when t.UserId != userId:
                await client.SendAsync(
                    t.IsTyping ? HubEventNames.TypingStart : HubEventNames.TypingStop,
                    new TypingPayload(t.ConversationId, t.UserId, t.UserName),
                    cancellationToken);
                break;

            case PresenceEvent p:
                await client.SendAsync(HubEventNames.PresenceChanged, new PresencePayload(p.UserId, p.Status, p.LastSeenAt), cancellationToken);
                break;

            case ReceiptEvent r:
                await client.SendAsync(
                    r.Kind == ReceiptKind.Read ? HubEventNames.MessageRead : HubEventNames.MessageDelivered,
                    new ReceiptPayload(r.ConversationId, r.UserId, r.MessageId, r.Sequence, r.At),
                    cancellationToken);
                break;

            case Core.Notifications.NotificationEvent n:
                await client.SendAsync(HubEventNames.Notification, new NotificationPayload(n.Notification), cancellationToken);
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
