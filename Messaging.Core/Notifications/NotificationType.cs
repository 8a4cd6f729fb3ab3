namespace Messaging.Core.Notifications;

/// <summary>
/// The kinds of in-app notification of API.md. <see cref="Reply"/>, <see cref="AddedToConversation"/> and
/// <see cref="AckRequested"/> are produced today; mentions and reactions arrive with the everyday-features work.
/// </summary>
public enum NotificationType
{
    Mention,
    Reply,
    Reaction,
    AddedToConversation,
    AckRequested,
}
