namespace Messaging.Web.Resources;

/// <summary>Marker for Errors.resx: problem titles and the text of Core's error codes.</summary>
public sealed class Errors;
