namespace Messaging.Web.Resources;

/// <summary>Marker for Connection.resx: the notice shown while a page has lost its connection to the server.</summary>
public sealed class Connection;
