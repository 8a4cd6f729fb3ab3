namespace Messaging.Web.Resources;

/// <summary>Marker for Shell.resx: the application frame (title, navigation, account menu).</summary>
public sealed class Shell;
