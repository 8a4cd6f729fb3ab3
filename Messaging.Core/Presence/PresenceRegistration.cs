using Messaging.Core.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Messaging.Core.Presence;

public static class PresenceRegistration
{
    /// <summary>Presence across all of a user's connections: in this process on one node, in Redis keys across nodes.</summary>
    public static IServiceCollection AddPresence(this IServiceCollection services)
    {
        services.AddOptions<PresenceOptions>()
            .BindConfiguration(PresenceOptions.Section)
            .Validate(
                o => o.OfflineGrace >= TimeSpan.Zero && o.AwayAfter > TimeSpan.Zero && o.Heartbeat > TimeSpan.Zero,
                "Messaging:Presence: AwayAfter and Heartbeat must be positive durations and OfflineGrace must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton<InMemoryPresenceStore>();
        services.TryAddSingleton<RedisPresenceStore>();
        services.TryAddSingleton<IPresenceStore>(sp => RealtimeRegistration.UsesRedis(sp)
            ? sp.GetRequiredService<RedisPresenceStore>()
            : sp.GetRequiredService<InMemoryPresenceStore>());
        services.TryAddSingleton<PresenceTracker>();
        services.TryAddSingleton<IPresenceTracker>(sp => sp.GetRequiredService<PresenceTracker>());
        services.TryAddSingleton<IPresenceReader>(sp => sp.GetRequiredService<PresenceTracker>());
        services.AddHostedService<PresenceSweeper>();
        return services;
    }
}
