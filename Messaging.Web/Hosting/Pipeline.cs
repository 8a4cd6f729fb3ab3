using System.Globalization;
using Messaging.Core.Accounts;
using Messaging.Web.Features.Culture;
using Messaging.Web.Features.Moderation;
using Messaging.Web.Features.Operations;
using Messaging.Web.Features.RateLimiting;
using Microsoft.AspNetCore.Localization;

namespace Messaging.Web.Hosting;

internal static class Pipeline
{
    public static readonly CultureInfo[] Cultures = [new("en"), ArabicCulture()];

    /// <summary>Arabic with the Gregorian calendar: "ar-SA" would default to Um Al-Qura.</summary>
    public static CultureInfo ArabicCulture()
    {
        var culture = new CultureInfo("ar");
        if (culture.Calendar is not GregorianCalendar)
        {
            culture.DateTimeFormat.Calendar = new GregorianCalendar();
        }

        return culture;
    }

    public static WebApplication UseMessagingPipeline(this WebApplication app)
    {
        app.UseMessagingHardening();
        // Localization first, so that error pages and problem details are in the caller's language too.
        // qps-ploc (Features/Culture/PseudoLocalization) only where developers asked for it.
        IList<CultureInfo> cultures = PseudoLocalization.Enabled(app.Services)
            ? [.. Cultures, new CultureInfo(PseudoLocalization.Culture)]
            : Cultures;
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Languages.English),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        });
        app.UseExceptionHandler();
        app.UseGracefulShutdown();
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase), api => api.UseStatusCodePages());
        app.UseAuthentication();
        app.UseSuspensionGate();
        app.UseAuthorization();
        app.UseMessagingLimits();
        app.UseAntiforgery();
        return app;
    }
}
