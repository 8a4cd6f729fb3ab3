namespace Messaging.Web.Resources;

/// <summary>Marker for Install.resx: the installed app (manifest names, offline page).</summary>
public sealed class Install;
