namespace Messaging.Web.Resources;

/// <summary>Marker for Retention.resx: the retention choice in the conversation settings and the line in the chat.</summary>
public sealed class Retention;
