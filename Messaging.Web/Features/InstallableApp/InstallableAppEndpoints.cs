using System.Globalization;
using System.Net;
using System.Text;
using Messaging.Web.Hosting;
using Microsoft.Extensions.Localization;
using InstallText = Messaging.Web.Resources.Install;

namespace Messaging.Web.Features.InstallableApp;

/// <summary>
/// What makes the product installable to a phone's home screen: a web app manifest in the caller's language and an
/// offline page the service worker (wwwroot/sw.js) keeps for when the connection is lost.
/// </summary>
internal static class InstallableAppEndpoints
{
    /// <summary>The shell's colour, so the installed app's title bar matches the app bar.</summary>
    public const string ThemeColor = "#1f5f8b";

    public static IEndpointRouteBuilder MapInstallableApp(this IEndpointRouteBuilder app)
    {
        app.MapGet("/manifest.webmanifest", (IStringLocalizer<InstallText> text) =>
        {
            var culture = CultureInfo.CurrentUICulture;
            var manifest = new AppManifest(
                Name: text["AppName"],
                ShortName: text["ShortName"],
                Description: text["Description"],
                Lang: culture.TwoLetterISOLanguageName,
                Dir: culture.TextInfo.IsRightToLeft ? "rtl" : "ltr",
                Id: "/",
                StartUrl: "/",
                Scope: "/",
                Display: "standalone",
                BackgroundColor: "#ffffff",
                ThemeColor: ThemeColor,
                Icons:
                [
                    new("/icons/icon-192.png", "192x192", "image/png", "any"),
                    new("/icons/icon-512.png", "512x512", "image/png", "any"),
                    new("/icons/maskable-192.png", "192x192", "image/png", "maskable"),
                    new("/icons/maskable-512.png", "512x512", "image/png", "maskable"),
                ]);
            return Results.Json(manifest, AppManifest.Json, "application/manifest+json");
        }).AllowAnonymous().ExcludeFromDescription();

        // Both languages on one page: the service worker caches it once, and the person may switch language later.
        app.MapGet("/offline", (IStringLocalizer<InstallText> text) =>
            Results.Content(OfflinePage(text), "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static string OfflinePage(IStringLocalizer<InstallText> text)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<meta name=\"theme-color\" content=\"{ThemeColor}\"><title>")
            .Append(Encode(In(Pipeline.Cultures[0], () => text["OfflineTitle"]))).Append("</title><style>")
            .Append("body{margin:0;font-family:system-ui,sans-serif;display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:100vh;gap:2rem;color:#222}")
            .Append("section{max-inline-size:28rem;padding-inline:1.5rem;text-align:center}h1{font-size:1.4rem;margin-block:0 .5rem}")
            .Append(CultureInfo.InvariantCulture, $"a{{display:inline-block;margin-block-start:1rem;padding:.6rem 1.2rem;border-radius:.4rem;background:{ThemeColor};color:#fff;text-decoration:none}}")
            .Append("</style></head><body data-testid=\"offline\">");
        foreach (var culture in Pipeline.Cultures)
        {
            var dir = culture.TextInfo.IsRightToLeft ? "rtl" : "ltr";
            html.Append(CultureInfo.InvariantCulture, $"<section lang=\"{culture.TwoLetterISOLanguageName}\" dir=\"{dir}\">")
                .Append("<h1>").Append(Encode(In(culture, () => text["OfflineTitle"]))).Append("</h1>")
                .Append("<p>").Append(Encode(In(culture, () => text["OfflineBody"]))).Append("</p>")
                .Append("<a href=\"/\" data-try-again>").Append(Encode(In(culture, () => text["TryAgain"]))).Append("</a></section>");
        }

        // Reloads the asked address once the server is back (the worker keeps the script with the page).
        return html.Append("<script src=\"/js/offline.js\"></script></body></html>").ToString();
    }

    private static string In(CultureInfo culture, Func<string> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
