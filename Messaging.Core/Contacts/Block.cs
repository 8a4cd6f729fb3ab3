namespace Messaging.Core.Contacts;

/// <summary>The blocker refuses direct contact from the blocked user.</summary>
public sealed class Block
{
    public Guid BlockerId { get; set; }
    public Guid BlockedId { get; set; }
    public DateTime CreatedAt { get; set; }
}
