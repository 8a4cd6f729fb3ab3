namespace Messaging.Web.Resources;

/// <summary>
/// Marker for Connection.resx: the notices a page shows when its link to the server is lost (reconnecting) or broken
/// by an unhandled error on the server.
/// </summary>
public sealed class Connection;
