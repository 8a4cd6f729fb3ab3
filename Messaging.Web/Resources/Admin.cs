namespace Messaging.Web.Resources;

/// <summary>Marker for Admin.resx: the administration page (/admin).</summary>
public sealed class Admin;
