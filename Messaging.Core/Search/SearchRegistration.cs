using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Search;

public static class SearchRegistration
{
    /// <summary>Message search in the caller's own conversations.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.TryAddSingleton<SearchMessagesHandler>();
        return services;
    }
}
