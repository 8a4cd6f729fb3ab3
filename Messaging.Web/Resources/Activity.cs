namespace Messaging.Web.Resources;

/// <summary>Marker for Activity.resx: the notification bell, activity list, snackbars and push permission.</summary>
public sealed class Activity;
