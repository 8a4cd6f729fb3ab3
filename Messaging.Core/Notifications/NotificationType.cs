namespace Messaging.Core.Notifications;

/// <summary>
/// The kinds of in-app notification of API.md, all produced by <see cref="NotificationPlanner"/> (report outcomes by
/// the moderation feature).
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

    /// <summary>The user's "download my data" ZIP is ready in /settings (the data rights feature).</summary>
    DataExportReady,
}
