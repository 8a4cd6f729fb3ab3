namespace Messaging.Core.Messages;

/// <summary>A text a message had before one of its edits, kept so participants can see what changed.</summary>
public sealed class MessageEdit
{
    public Guid Id { get; set; }
    public Guid MessageId { get; set; }

    /// <summary>The earlier text; ciphertext in an encrypted conversation, like the message itself.</summary>
    public string Content { get; set; } = "";

    /// <summary>When this text stopped being the current one.</summary>
    public DateTime ReplacedAt { get; set; }
}
