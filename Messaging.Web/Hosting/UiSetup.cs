using Messaging.Web.Components;
using Messaging.Web.Features.Attachments;
using Messaging.Web.Features.Culture;
using Messaging.Web.Features.InstallableApp;
using MudBlazor.Services;

namespace Messaging.Web.Hosting;

internal static class UiSetup
{
    public static IServiceCollection AddMessagingUi(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddPseudoLocalization();
        services.AddRazorComponents().AddInteractiveServerComponents(Features.RateLimiting.LimitsSetup.ConfigureCircuit).AddHubOptions(Features.RateLimiting.LimitsSetup.ConfigureCircuitHub);
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, Components.Layout.ResxMudLocalizer>();
        services.AddScoped<Features.Accounts.TokenIssuer>();
        Features.Conversations.ConversationsUiSetup.AddConversationsUi(services);
        return services;
    }

    public static IEndpointRouteBuilder MapMessagingUi(this WebApplication app)
    {
        app.UseCultureFromQuery();
        app.MapStaticAssets();
        app.MapCultureEndpoints();
        app.MapInstallableApp();
        app.MapAttachmentUiEndpoints();
        Features.Profiles.ProfileEndpoints.MapAvatarUiEndpoints(app);
        Features.DataRights.DataRightsEndpoints.MapDataRightsUiEndpoints(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
