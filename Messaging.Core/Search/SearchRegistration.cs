using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Search;

public static class SearchRegistration
{
    /// <summary>Message search in the caller's own conversations, encrypted ones through their blind index.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.TryAddSingleton<SearchMessagesHandler>();
        services.TryAddSingleton<BlindIndex>();
        services.TryAddSingleton<EncryptedSearch>();
        return services;
    }
}
