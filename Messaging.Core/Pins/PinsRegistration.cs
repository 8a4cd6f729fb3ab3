using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Pins;

public static class PinsRegistration
{
    /// <summary>Pinned messages at the top of a conversation.</summary>
    public static IServiceCollection AddPins(this IServiceCollection services)
    {
        services.TryAddSingleton<PinMessageHandler>();
        return services;
    }
}
