namespace Messaging.Core.Messages;

/// <summary>The <c>Messaging:Messages</c> configuration section.</summary>
public sealed class MessageOptions
{
    public const string Section = "Messaging:Messages";

    /// <summary>How long after sending the sender may still edit a message; <see cref="TimeSpan.Zero"/> means always.</summary>
    public TimeSpan EditWindow { get; set; } = TimeSpan.FromHours(24);
}
