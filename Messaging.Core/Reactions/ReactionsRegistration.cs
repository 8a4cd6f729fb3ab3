using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Reactions;

public static class ReactionsRegistration
{
    /// <summary>Emoji reactions on messages.</summary>
    public static IServiceCollection AddReactions(this IServiceCollection services)
    {
        services.TryAddSingleton<ReactToMessageHandler>();
        return services;
    }
}
