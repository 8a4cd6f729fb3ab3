using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Moderation;

public static class ModerationRegistration
{
    /// <summary>The audit log, the administrators' users list, and suspensions.</summary>
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.TryAddSingleton<AuditLog>();
        services.TryAddSingleton<AdminUsers>();
        services.TryAddSingleton<Suspensions>();
        return services;
    }
}
