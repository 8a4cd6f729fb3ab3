using System.Text.Json;

namespace Messaging.Web.Features.InstallableApp;

/// <summary>The W3C web app manifest, with the members Chromium checks for installability.</summary>
internal sealed record AppManifest(
    string Name,
    string ShortName,
    string Description,
    string Lang,
    string Dir,
    string Id,
    string StartUrl,
    string Scope,
    string Display,
    string BackgroundColor,
    string ThemeColor,
    IReadOnlyList<AppManifestIcon> Icons)
{
    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

internal sealed record AppManifestIcon(
    string Src,
    string Sizes,
    string Type,
    string Purpose);
