using Messaging.Web.Components;
using MudBlazor.Services;

namespace Messaging.Web.Hosting;

internal static class UiSetup
{
    public static IServiceCollection AddMessagingUi(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<Features.Auth.TokenIssuer>();
        Features.Conversations.ConversationsUiSetup.AddConversationsUi(services);
        return services;
    }

    public static IEndpointRouteBuilder MapMessagingUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
