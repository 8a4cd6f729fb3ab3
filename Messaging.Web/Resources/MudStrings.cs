namespace Messaging.Web.Resources;

/// <summary>Marker for MudStrings.resx: MudBlazor's own texts (pager, close buttons, ...), served through ResxMudLocalizer.</summary>
public sealed class MudStrings;
