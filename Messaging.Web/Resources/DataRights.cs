namespace Messaging.Web.Resources;

/// <summary>Marker for DataRights.resx: "download my data", "delete my account" and message retention in the settings.</summary>
public sealed class DataRights;
