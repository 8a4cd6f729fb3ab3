namespace Messaging.Web.Resources;

/// <summary>Marker for Search.resx: the message search dialog.</summary>
public sealed class Search;
