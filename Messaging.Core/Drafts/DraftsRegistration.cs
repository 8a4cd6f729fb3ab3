using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Drafts;

public static class DraftsRegistration
{
    /// <summary>Unsent text kept per participant on the server.</summary>
    public static IServiceCollection AddDrafts(this IServiceCollection services)
    {
        services.TryAddSingleton<SaveDraftHandler>();
        return services;
    }
}
