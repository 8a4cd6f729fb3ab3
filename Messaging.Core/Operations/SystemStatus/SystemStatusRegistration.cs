using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Operations.SystemStatus;

public static class SystemStatusRegistration
{
    /// <summary>The node list and the administrators' overview of the installation (the System page).</summary>
    public static IServiceCollection AddSystemStatus(this IServiceCollection services)
    {
        services.TryAddSingleton<NodeDirectory>();
        services.TryAddSingleton<SystemOverviewReader>();
        return services;
    }
}
