using Messaging.Core.Presence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Realtime;

public static class RealtimeRegistration
{
    /// <summary>
    /// The event bus and presence: in process on a single node; through Redis (pub/sub and keys) when
    /// <c>Messaging:Redis</c> is set. Expects an <see cref="StackExchange.Redis.IConnectionMultiplexer"/> from the host then.
    /// </summary>
    public static IServiceCollection AddMessagingRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RealtimeOptions>().Bind(configuration.GetSection(RealtimeOptions.Section));
        services.AddOptions<PresenceOptions>().Bind(configuration.GetSection(PresenceOptions.Section));
        services.AddSingleton<NodeIdentity>();
        services.TryAddSingleton<InProcessEventBus>();

        if (!string.IsNullOrWhiteSpace(configuration["Messaging:Redis"]))
        {
            services.AddSingleton<RedisEventBus>();
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<RedisEventBus>());
            services.AddHostedService<RedisEventBusStarter>();
            services.AddSingleton<IPresenceStore, RedisPresenceStore>();
        }
        else
        {
            services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<InProcessEventBus>());
            services.AddSingleton<IPresenceStore, InMemoryPresenceStore>();
        }

        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<PresenceTracker>());
        services.AddSingleton<IPresenceReader>(sp => sp.GetRequiredService<PresenceTracker>());
        services.AddHostedService<PresenceSweeper>();
        return services;
    }
}
