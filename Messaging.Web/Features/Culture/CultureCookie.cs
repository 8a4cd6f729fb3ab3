using Messaging.Core.Accounts;
using Microsoft.AspNetCore.Localization;

namespace Messaging.Web.Features.Culture;

/// <summary>The ASP.NET Core culture cookie, read by <see cref="CookieRequestCultureProvider"/> on every request and circuit.</summary>
internal static class CultureCookie
{
    public static void Write(HttpResponse response, string language) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                HttpOnly = false,
                Path = "/",
            });

    public static string? Read(HttpRequest request)
    {
        var value = request.Cookies[CookieRequestCultureProvider.DefaultCookieName];
        var parsed = value is null ? null : CookieRequestCultureProvider.ParseCookieValue(value);
        var culture = parsed?.UICultures.FirstOrDefault().Value;
        return Languages.IsSupported(culture) ? culture : null;
    }
}
