using System.Security.Claims;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Web.Components.Layout;

namespace Messaging.Web.Features.Culture;

/// <summary>
/// Language choice lives in three places that must agree: the culture cookie (what the server renders), the user's
/// profile (what jobs and emails use, and what a new browser gets at sign-in), and <c>?culture=</c> links.
/// </summary>
internal static class CultureEndpoints
{
    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder app)
    {
        // A GET, so that the language switch is a plain link that works on static and interactive pages alike;
        // the worst a forged link can do is change someone's language.
        app.MapGet("/culture/set", async (string? culture, string? redirectUri, HttpContext http, ProfileHandler profiles, CancellationToken ct) =>
        {
            if (!Languages.IsSupported(culture))
            {
                return Results.BadRequest();
            }

            await RememberAsync(http, culture!, profiles, ct);
            return Results.LocalRedirect(AccountLinks.IsLocal(redirectUri) ? redirectUri! : "/");
        }).ExcludeFromDescription();
        return app;
    }

    /// <summary>Middleware: a page opened with <c>?culture=ar</c> is rendered in Arabic by the request localization; keep it.</summary>
    public static IApplicationBuilder UseCultureFromQuery(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var culture = http.Request.Query["culture"].ToString();
            if (HttpMethods.IsGet(http.Request.Method) && string.Equals(culture, PseudoLocalization.Culture, StringComparison.OrdinalIgnoreCase)
                && PseudoLocalization.Enabled(http.RequestServices))
            {
                // Developers only: kept in the cookie so the circuit uses it too, never in the profile (emails stay real).
                CultureCookie.Write(http.Response, PseudoLocalization.Culture);
            }
            else if (HttpMethods.IsGet(http.Request.Method) && Languages.IsSupported(culture) && !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                && !http.Request.Path.StartsWithSegments("/culture", StringComparison.OrdinalIgnoreCase) && CultureCookie.Read(http.Request) != culture)
            {
                await RememberAsync(http, culture, http.RequestServices.GetRequiredService<ProfileHandler>(), http.RequestAborted);
            }

            await next(http);
        });

    private static async Task RememberAsync(HttpContext http, string culture, ProfileHandler profiles, CancellationToken ct)
    {
        CultureCookie.Write(http.Response, culture);
        if (Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            try
            {
                await profiles.UpdateAsync(userId, new UpdateProfile(null, culture, null), ct);
            }
            catch (MessagingException ex) when (ex.Code == ErrorCode.NotFound)
            {
                // A cookie that outlived its account: the cookie alone still switches the language.
            }
        }
    }
}
