namespace Messaging.Web.Features.Realtime;

/// <summary>Server-to-client event names of the hub contract.</summary>
internal static class HubEventNames
{
    /// <summary>The first event of a connection: it is subscribed, so fetch or catch up now (docs/realtime.md).</summary>
    public const string Ready = "ready";
    public const string NewMessage = "new_message";
    public const string MessageUpdated = "message_updated";
    public const string MessageDeleted = "message_deleted";
    public const string TypingStart = "typing_start";
    public const string TypingStop = "typing_stop";
    public const string PresenceChanged = "presence_changed";
    public const string MessageDelivered = "message_delivered";
    public const string MessageRead = "message_read";
    public const string ConversationUpdated = "conversation_updated";
    public const string Notification = "notification";

    /// <summary>The node is stopping: the connection closes next; reconnect (to any node) and catch up (docs/realtime.md).</summary>
    public const string Reconnect = "reconnect";
}
