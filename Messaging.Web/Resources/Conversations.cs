namespace Messaging.Web.Resources;

/// <summary>Marker for Conversations.resx: the conversation list, the chat pane and their dialogs.</summary>
public sealed class Conversations;
