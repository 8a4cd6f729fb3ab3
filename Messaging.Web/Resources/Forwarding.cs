namespace Messaging.Web.Resources;

/// <summary>Marker for Forwarding.resx: the Forward action, its conversation picker and the "forwarded from" label.</summary>
public sealed class Forwarding;
