using Messaging.Core.Messages;
using Messaging.Core.Persistence;

namespace Messaging.Core.Notifications;

public enum OutboxKind
{
    Message,
    AddedToConversation,

    /// <summary>Someone put an emoji on a message; the recipient is its author.</summary>
    Reaction,
}

/// <summary>
/// Something to notify about, written in the same transaction as what happened, so a crash after the commit loses
/// nothing; <see cref="NotificationDispatcher"/> turns it into notifications and marks it processed.
/// </summary>
public sealed class NotificationOutboxEntry
{
    public Guid Id { get; set; }
    public OutboxKind Kind { get; set; }
    public Guid ConversationId { get; set; }
    public Guid? MessageId { get; set; }
    public Guid ActorId { get; set; }

    /// <summary>Who could hear about it when it happened (comma-separated ids): later members are not notified of earlier messages.</summary>
    public string Recipients { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ProcessedAt { get; set; }

    public IReadOnlyList<Guid> RecipientIds =>
        Recipients.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToArray();
}

/// <summary>The one call use cases make inside their transaction.</summary>
public static class NotificationOutbox
{
    /// <summary>A new message for <paramref name="audience"/> (the sender is left out by the planner).</summary>
    public static void Add(MessagingDbContext db, Message message, IEnumerable<Guid> audience) =>
        db.Set<NotificationOutboxEntry>().Add(new NotificationOutboxEntry
        {
            Id = Guid.CreateVersion7(),
            Kind = OutboxKind.Message,
            ConversationId = message.ConversationId,
            MessageId = message.Id,
            ActorId = message.SenderId,
            Recipients = string.Join(',', audience.Where(id => id != message.SenderId).Distinct()),
            CreatedAt = message.SentAt,
        });

    /// <summary>
    /// <paramref name="actorId"/> reacted to <paramref name="message"/>: its author hears about it, never the actor
    /// themselves (reacting to one's own message adds nothing).
    /// </summary>
    public static void Reacted(MessagingDbContext db, Message message, Guid actorId, DateTime now)
    {
        if (message.SenderId == actorId)
        {
            return;
        }

        db.Set<NotificationOutboxEntry>().Add(new NotificationOutboxEntry
        {
            Id = Guid.CreateVersion7(),
            Kind = OutboxKind.Reaction,
            ConversationId = message.ConversationId,
            MessageId = message.Id,
            ActorId = actorId,
            Recipients = message.SenderId.ToString(),
            CreatedAt = now,
        });
    }

    /// <summary><paramref name="actorId"/> added <paramref name="added"/> to a group.</summary>
    public static void AddedToConversation(MessagingDbContext db, Guid conversationId, Guid actorId, IEnumerable<Guid> added, DateTime now) =>
        db.Set<NotificationOutboxEntry>().Add(new NotificationOutboxEntry
        {
            Id = Guid.CreateVersion7(),
            Kind = OutboxKind.AddedToConversation,
            ConversationId = conversationId,
            ActorId = actorId,
            Recipients = string.Join(',', added.Where(id => id != actorId).Distinct()),
            CreatedAt = now,
        });
}
