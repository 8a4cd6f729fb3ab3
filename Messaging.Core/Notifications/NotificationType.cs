namespace Messaging.Core.Notifications;

/// <summary>
/// The kinds of in-app notification of API.md. Acknowledgement requests are not produced yet; the others come from
/// <see cref="NotificationPlanner"/>.
/// </summary>
public enum NotificationType
{
    Mention,
    Reply,
    Reaction,
    AddedToConversation,
    AckRequested,

    /// <summary>A report the user made was handled by an administrator (what was done is not said).</summary>
    ReportHandled,
}
