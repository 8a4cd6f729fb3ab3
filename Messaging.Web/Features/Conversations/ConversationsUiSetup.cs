using Messaging.Web.Features.Realtime;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Messaging.Web.Features.Conversations;

internal static class ConversationsUiSetup
{
    /// <summary>The per-circuit pieces of the conversation screens.</summary>
    public static IServiceCollection AddConversationsUi(this IServiceCollection services)
    {
        services.AddQueuedSubscriptions();
        services.AddScoped<ChatSession>();
        services.AddScoped<CircuitReceipts>();
        services.AddScoped<CircuitHandler, PresenceCircuitHandler>();
        return services;
    }
}
