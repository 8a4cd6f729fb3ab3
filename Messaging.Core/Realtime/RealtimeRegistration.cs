using Messaging.Core.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Realtime;

public static class RealtimeRegistration
{
    /// <summary>
    /// The event bus (in process on a single node; through Redis pub/sub when <c>Messaging:Redis</c> is set, which
    /// expects an <see cref="StackExchange.Redis.IConnectionMultiplexer"/> from the host) and typing indicators.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddOptions<RealtimeOptions>()
            .BindConfiguration(RealtimeOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<NodeIdentity>();
        services.TryAddSingleton<InProcessEventBus>();
        services.TryAddSingleton<RedisEventBus>();
        services.TryAddSingleton<IEventBus>(sp => UsesRedis(sp) ? sp.GetRequiredService<RedisEventBus>() : sp.GetRequiredService<InProcessEventBus>());
        services.AddHostedService<RedisEventBusStarter>();
        services.TryAddSingleton<TypingHandler>();
        return services;
    }

    internal static bool UsesRedis(IServiceProvider services) => services.GetRequiredService<IOptions<MessagingOptions>>().Value.UsesRedis;
}
