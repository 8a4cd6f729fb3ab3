using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Messaging.Web.Features.Operations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Messaging.Web.Hosting;

internal static class OperationsSetup
{
    /// <summary>Key ring, health checks and request limits: what operators rely on.</summary>
    public static IServiceCollection AddMessagingOperations(this IServiceCollection services)
    {
        // Resolved only when Messaging:Redis is set (the Redis event bus, presence store and key ring ask for it).
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
            ConnectionMultiplexer.Connect(RedisConfiguration(sp.GetRequiredService<IOptions<MessagingOptions>>().Value.Redis!)));

        // Tokens, cookies and the wrapped conversation keys all depend on this key ring: it must survive restarts and be shared by all nodes.
        services.AddDataProtection().SetApplicationName("Messaging");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((keys, sp) =>
        {
            var options = sp.GetRequiredService<IOptions<MessagingOptions>>().Value;
            var prefix = sp.GetRequiredService<IOptions<Core.Realtime.RealtimeOptions>>().Value.ChannelPrefix;
            keys.XmlRepository = options.UsesRedis
                ? new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), KeyRingRedisKey(prefix))
                : new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(options.FullDataDirectory, "keys")), sp.GetRequiredService<ILoggerFactory>());
        });

        services.AddHealthChecks().AddDbContextCheck<MessagingDbContext>("database", tags: ["ready"]);
        services.AddGracefulShutdown();
        services.AddMemoryDiagnostics();
        Features.Admin.SystemStatusSetup.AddSystemStatusPage(services);

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<MessagingOptions>>((kestrel, options) =>
            kestrel.Limits.MaxRequestBodySize = options.Value.MaxRequestBodyBytes);
        return services;
    }

    /// <summary>The key ring's Redis key: under the installation's prefix, like its channels, so installations sharing a Redis keep apart.</summary>
    public static string KeyRingRedisKey(string prefix) => $"{prefix}:dataprotection-keys";

    public static ConfigurationOptions RedisConfiguration(string connection)
    {
        var config = ConfigurationOptions.Parse(connection);
        // A node must start and serve its own users while Redis is down, and reconnect by itself.
        config.AbortOnConnectFail = false;
        return config;
    }

    public static IEndpointRouteBuilder MapMessagingOperations(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapMemoryDiagnostics();
        return app;
    }
}
