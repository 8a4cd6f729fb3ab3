namespace Messaging.Core.Reactions;

/// <summary>One person's emoji on one message; a person may put several different emoji on the same message.</summary>
public sealed class Reaction
{
    public Guid MessageId { get; set; }
    public Guid UserId { get; set; }
    public string Emoji { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
