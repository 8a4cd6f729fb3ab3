using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Messaging.Web.Hosting;

internal static class OperationsSetup
{
    /// <summary>Key ring, health checks and request limits: what operators rely on.</summary>
    public static IServiceCollection AddMessagingOperations(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();

        // Tokens, cookies and the wrapped conversation keys all depend on this key ring: it must survive restarts and be shared by all nodes.
        var dataProtection = services.AddDataProtection().SetApplicationName("Messaging");
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(RedisConfiguration(options.Redis)));
            dataProtection.PersistKeysToStackExchangeRedis(
                () => services.BuildServiceProvider().GetRequiredService<IConnectionMultiplexer>().GetDatabase(), "messaging:dataprotection-keys");
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.FullDataDirectory, "keys")));
        }

        services.AddHealthChecks().AddDbContextCheck<MessagingDbContext>("database", tags: ["ready"]);

        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k =>
            k.Limits.MaxRequestBodySize = configuration.GetValue<long>("Messaging:MaxRequestBodyBytes", 1024 * 1024));
        return services;
    }

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
        return app;
    }
}
