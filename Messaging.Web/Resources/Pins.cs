namespace Messaging.Web.Resources;

/// <summary>Marker for Pins.resx: pinning in the message menu, the pinned bar and the pins list.</summary>
public sealed class Pins;
