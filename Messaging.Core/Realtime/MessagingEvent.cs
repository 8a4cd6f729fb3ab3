using System.Text.Json.Serialization;
using Messaging.Core.Messages;

namespace Messaging.Core.Realtime;

/// <summary>Something that happened, addressed to the users who may hear about it.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(MessageEvent), "message")]
[JsonDerivedType(typeof(ConversationChangedEvent), "conversation")]
[JsonDerivedType(typeof(ReceiptEvent), "receipt")]
[JsonDerivedType(typeof(TypingEvent), "typing")]
[JsonDerivedType(typeof(PresenceEvent), "presence")]
[JsonDerivedType(typeof(Notifications.NotificationEvent), "notification")]
[JsonDerivedType(typeof(Accounts.Sessions.UserAccessChangedEvent), "access")]
[JsonDerivedType(typeof(CatchUpEvent), CatchUpEvent.Kind)]
public abstract record MessagingEvent(IReadOnlyList<Guid> Recipients);

public enum MessageEventKind
{
    New,
    Updated,
    Deleted,
}

/// <summary>A message was sent, edited or deleted. <see cref="Message"/> is the recipients' common view.</summary>
public sealed record MessageEvent(IReadOnlyList<Guid> Recipients, MessageEventKind Kind, MessageView Message)
    : MessagingEvent(Recipients);

/// <summary>A conversation's shared state changed (title, participants, last message); listeners re-read their own view.</summary>
public sealed record ConversationChangedEvent(IReadOnlyList<Guid> Recipients, Guid ConversationId)
    : MessagingEvent(Recipients);

public enum ReceiptKind
{
    Delivered,
    Read,
}

/// <summary>A participant's delivered or read pointer moved.</summary>
public sealed record ReceiptEvent(
    IReadOnlyList<Guid> Recipients,
    ReceiptKind Kind,
    Guid ConversationId,
    Guid UserId,
    Guid MessageId,
    long Sequence,
    DateTime At) : MessagingEvent(Recipients);

/// <summary>Someone started or stopped typing; never sent to the typist.</summary>
public sealed record TypingEvent(
    IReadOnlyList<Guid> Recipients,
    bool IsTyping,
    Guid ConversationId,
    Guid UserId,
    string UserName) : MessagingEvent(Recipients);

/// <summary>A user's presence changed; sent to the people who share a conversation with them.</summary>
public sealed record PresenceEvent(
    IReadOnlyList<Guid> Recipients,
    Guid UserId,
    Presence.PresenceStatus Status,
    DateTime? LastSeenAt) : MessagingEvent(Recipients);
