namespace Messaging.Core.Mentions;

/// <summary>
/// A participant named with @ in a message. Stored as a user id, never as text, so encrypted conversations can keep it
/// in the clear (it says who, not what) and the planner can notify the person even in a muted conversation.
/// </summary>
public sealed class MessageMention
{
    public Guid MessageId { get; set; }
    public Guid UserId { get; set; }
}
