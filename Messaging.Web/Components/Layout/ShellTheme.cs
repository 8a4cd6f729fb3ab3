using MudBlazor;

namespace Messaging.Web.Components.Layout;

/// <summary>One theme for every page. Noto fonts first: Debian and most phones have them, and they carry Arabic.</summary>
internal static class ShellTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            AppbarBackground = "#1f5f8b",
            Secondary = "#5c6b73",
            // MudBlazor's default success/warning/error are too light for white text (WCAG AA); these pass 4.5:1.
            Success = "#2e7d32",
            Warning = "#8a5300",
            Error = "#c62828",
            Info = "#1565c0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Noto Sans", "Noto Sans Arabic", "Segoe UI", "Tahoma", "sans-serif"] },
        },
    };
}
