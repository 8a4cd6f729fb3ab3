namespace Messaging.Core.Contacts;

/// <summary>A user the owner added to their contacts: counts as a connection for "connections only".</summary>
public sealed class Contact
{
    public Guid OwnerId { get; set; }
    public Guid ContactUserId { get; set; }
    public DateTime CreatedAt { get; set; }
}
