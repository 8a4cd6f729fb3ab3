using Messaging.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Messaging.Web.Components.Layout;

/// <summary>
/// MudBlazor's built-in texts (close buttons, pager labels) from MudStrings.resx, so they follow the page's language.
/// A key we do not translate reports ResourceNotFound and MudBlazor falls back to its English text.
/// </summary>
internal sealed class ResxMudLocalizer(IStringLocalizer<MudStrings> strings) : MudLocalizer
{
    public override LocalizedString this[string key] => strings[key];

    public override LocalizedString this[string key, params object[] arguments] => strings[key, arguments];
}
