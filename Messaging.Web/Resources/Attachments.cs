namespace Messaging.Web.Resources;

/// <summary>Marker for Attachments.resx: attaching, showing and listing files in conversations.</summary>
public sealed class Attachments;
