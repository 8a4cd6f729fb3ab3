namespace Messaging.Core.Notifications;

/// <summary>
/// The kinds of in-app notification of API.md. Only <see cref="Reply"/> and <see cref="AddedToConversation"/> are
/// produced today; mentions, reactions and acknowledgement requests arrive with the everyday-features work.
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
