namespace Messaging.Web.Resources;

/// <summary>Marker for Reports.resx: reporting a message (dialog, tombstone) and the administrators' report queue.</summary>
public sealed class Reports;
