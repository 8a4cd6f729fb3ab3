using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Messaging.Core.Accounts.Sessions;

public static class SessionRegistration
{
    /// <summary>Sessions, the per-node access checks, and the verified-only audience around the registered event bus.</summary>
    public static IServiceCollection AddMessagingSessions(this IServiceCollection services)
    {
        services.AddOptions<UserSessionOptions>().BindConfiguration(UserSessionOptions.Section);
        services.AddSingleton<AccessState>();
        services.AddSingleton<SessionHandler>();

        var bus = services.LastOrDefault(d => d.ServiceType == typeof(IEventBus))
            ?? throw new InvalidOperationException("Register the event bus before the sessions.");
        services.Remove(bus);
        services.AddSingleton<IEventBus>(sp => new VerifiedAudienceBus(Resolve(sp, bus), sp.GetRequiredService<IDbContextFactory<MessagingDbContext>>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static IEventBus Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IEventBus)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.GetServiceOrCreateInstance(services, descriptor.ImplementationType!));
}
