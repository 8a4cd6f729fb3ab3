namespace Messaging.Web.Resources;

/// <summary>Marker for Profiles.resx: the profile section of settings, profile cards and reporting a person.</summary>
public sealed class Profiles;
