using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Presence;
using Messaging.Core.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Notifications;

/// <summary>What one outbox entry becomes: in-app rows, email digest items (both saved with it), and pushes to send after the commit.</summary>
public sealed record NotificationPlan(IReadOnlyList<Notification> InApp, IReadOnlyList<EmailDigestItem> Emails, IReadOnlyList<PushPlan> Pushes)
{
    public static readonly NotificationPlan Empty = new([], [], []);
}

/// <summary>A push for every subscription of <paramref name="UserId"/>, payload as API.md names it.</summary>
public sealed record PushPlan(Guid UserId, PushPayload Payload);

public sealed record PushPayload(string Type, Guid ConversationId, Guid? MessageId, string Title, string Body);

/// <summary>
/// Decides, per recipient, what they hear: in-app at once for what concerns them personally (a mention, a request to
/// acknowledge, a reply to their message, a reaction to it, being added); Web Push when they have no live connection, the conversation is not muted (personal notifications
/// still come through) and their push switch is on; an email digest item when email is on and the conversation is not
/// muted. Someone who blocked the actor hears nothing. Nothing from an encrypted conversation goes into a push.
/// </summary>
public sealed class NotificationPlanner(IPresenceReader presence, IOptions<NotificationOptions> options)
{
    public const int PushPreviewLength = 120;

    public async Task<NotificationPlan> PlanAsync(MessagingDbContext db, NotificationOutboxEntry entry, DateTime now, CancellationToken cancellationToken)
    {
        var recipients = entry.RecipientIds.Where(id => id != entry.ActorId).ToArray();
        if (recipients.Length == 0)
        {
            return NotificationPlan.Empty;
        }

        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == entry.ConversationId, cancellationToken);
        if (conversation is null)
        {
            return NotificationPlan.Empty;
        }

        var members = await db.Participants.AsNoTracking()
            .Where(p => p.ConversationId == conversation.Id && p.IsActive && recipients.Contains(p.UserId))
            .ToDictionaryAsync(p => p.UserId, cancellationToken);
        var users = await db.Users.AsNoTracking()
            .Where(u => recipients.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.Email, u.Language, u.EmailNotifications, u.PushNotifications))
            .ToListAsync(cancellationToken);
        var actor = await db.Users.Where(u => u.Id == entry.ActorId).Select(u => new { u.Name, u.DeletedAt }).FirstOrDefaultAsync(cancellationToken);
        var actorName = actor is null ? "" : DataRights.DeletedAccount.NameOf(actor.Name, actor.DeletedAt);
        var blockers = await db.Blocks.Where(b => b.BlockedId == entry.ActorId && recipients.Contains(b.BlockerId)).Select(b => b.BlockerId).ToListAsync(cancellationToken);
        var subscribed = await db.Set<PushSubscription>().Where(s => recipients.Contains(s.UserId)).Select(s => s.UserId).Distinct().ToListAsync(cancellationToken);

        var message = entry.MessageId is { } messageId
            ? await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken)
            : null;
        if (entry.Kind is OutboxKind.Message or OutboxKind.Reaction && (message is null || message.DeletedAt is not null))
        {
            return NotificationPlan.Empty;
        }

        Guid? repliedTo = entry.Kind == OutboxKind.Message && message?.ReplyToMessageId is { } replyId
            ? await db.Messages.Where(m => m.Id == replyId).Select(m => (Guid?)m.SenderId).FirstOrDefaultAsync(cancellationToken)
            : null;
        var mentioned = entry.Kind == OutboxKind.Message
            ? await db.Set<Mentions.MessageMention>().Where(m => m.MessageId == message!.Id).Select(m => m.UserId).ToListAsync(cancellationToken)
            : [];

        // A reaction taken back and put again tells the author nothing new: one notification per person and message.
        if (entry.Kind == OutboxKind.Reaction && await db.Set<Notification>().AnyAsync(
                n => n.Type == NotificationType.Reaction && n.MessageId == message!.Id && n.ActorId == entry.ActorId, cancellationToken))
        {
            return NotificationPlan.Empty;
        }

        var inApp = new List<Notification>();
        var emails = new List<EmailDigestItem>();
        var pushes = new List<PushPlan>();
        foreach (var user in users)
        {
            if (!members.TryGetValue(user.Id, out var member) || blockers.Contains(user.Id))
            {
                continue;
            }

            // One notification per person and event: a request to acknowledge asks the most of them, then a mention,
            // then a reply to their message.
            NotificationType? type = entry.Kind switch
            {
                OutboxKind.AddedToConversation => NotificationType.AddedToConversation,
                OutboxKind.Reaction => NotificationType.Reaction,
                _ when message?.RequiresAck == true => NotificationType.AckRequested,
                _ when mentioned.Contains(user.Id) => NotificationType.Mention,
                _ when repliedTo == user.Id => NotificationType.Reply,
                _ => null,
            };
            if (type is { } personal)
            {
                inApp.Add(new Notification
                {
                    Id = Guid.CreateVersion7(),
                    UserId = user.Id,
                    Type = personal,
                    ConversationId = conversation.Id,
                    MessageId = message?.Id,
                    ActorId = entry.ActorId,
                    SourceId = entry.Id,
                    CreatedAt = now,
                });
            }

            var muted = member.IsMutedAt(now);
            if ((!muted || type is not null) && user.PushNotifications && subscribed.Contains(user.Id) && presence.GetStatus(user.Id) == PresenceStatus.Offline)
            {
                pushes.Add(new PushPlan(user.Id, PushText(conversation, message, type, actorName, NotificationsText.CultureOf(user.Language))));
            }

            if (entry.Kind == OutboxKind.Message && message is not null && !muted && user.EmailNotifications && !string.IsNullOrEmpty(user.Email))
            {
                emails.Add(new EmailDigestItem
                {
                    Id = Guid.CreateVersion7(),
                    UserId = user.Id,
                    ConversationId = conversation.Id,
                    MessageId = message.Id,
                    Sequence = message.Sequence,
                    DueAt = message.SentAt + options.Value.EmailDelay,
                });
            }
        }

        return new NotificationPlan(inApp, emails, pushes);
    }

    private static PushPayload PushText(Conversation conversation, Message? message, NotificationType? type, string actorName, System.Globalization.CultureInfo culture)
    {
        var isGroup = conversation.Type == ConversationType.Group;
        var groupTitle = string.IsNullOrWhiteSpace(conversation.Title) ? NotificationsText.Get("UntitledGroup", culture) : conversation.Title;
        var title = type switch
        {
            NotificationType.AddedToConversation => NotificationsText.Format("PushAddedTitle", culture, actorName),
            NotificationType.Reply => NotificationsText.Format("PushReplyTitle", culture, actorName),
            NotificationType.Mention => NotificationsText.Format("PushMentionTitle", culture, actorName),
            NotificationType.Reaction => NotificationsText.Format("PushReactionTitle", culture, actorName),
            NotificationType.AckRequested => NotificationsText.Format("PushAckRequestedTitle", culture, actorName),
            _ when isGroup => NotificationsText.Format("PushNewGroupMessageTitle", culture, actorName, groupTitle),
            _ => NotificationsText.Format("PushNewMessageTitle", culture, actorName),
        };

        // Never content from an encrypted conversation: the push service and the lock screen are outside it.
        var body = type == NotificationType.AddedToConversation ? groupTitle
            : conversation.IsEncrypted || message is null ? NotificationsText.Get("PushEncryptedBody", culture)
            : NotificationsHandler.Truncate(message.Content, PushPreviewLength);
        var kind = type switch
        {
            NotificationType.AddedToConversation => "added_to_conversation",
            NotificationType.Reply => "reply",
            NotificationType.Mention => "mention",
            NotificationType.Reaction => "reaction",
            NotificationType.AckRequested => "ack_requested",
            _ => "new_message",
        };
        return new PushPayload(kind, conversation.Id, message?.Id, title, body);
    }

    private sealed record Recipient(Guid Id, string? Email, string Language, bool EmailNotifications, bool PushNotifications);
}
