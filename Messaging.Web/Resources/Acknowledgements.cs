namespace Messaging.Web.Resources;

/// <summary>Marker for Acknowledgements.resx: the "request acknowledgement" toggle, the Acknowledge button and who acknowledged.</summary>
public sealed class Acknowledgements;
