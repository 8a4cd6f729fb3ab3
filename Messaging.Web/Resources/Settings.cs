namespace Messaging.Web.Resources;

/// <summary>Marker for Settings.resx: the user's settings page (/settings).</summary>
public sealed class Settings;
