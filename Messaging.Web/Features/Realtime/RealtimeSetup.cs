using Messaging.Core.Common;
using Messaging.Core.Realtime;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Messaging.Web.Features.Realtime;

internal static class RealtimeSetup
{
    public const string HubPath = "/hubs/messaging";

    /// <summary>
    /// The hub with the API's JSON. Events reach hub connections through the event bus (see docs/adr/0002), never
    /// through the SignalR backplane, which is therefore opt-in (<see cref="RealtimeOptions.SignalRBackplane"/>).
    /// </summary>
    public static IServiceCollection AddMessagingRealtimeHub(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR().AddJsonProtocol(o => ApiSetup.ConfigureJson(o.PayloadSerializerOptions));
        // Whether to add the backplane at all is decided here; its connection comes from the validated options.
        if (configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>() is { SignalRBackplane: true })
        {
            signalR.AddStackExchangeRedis();
            services.AddOptions<RedisOptions>().Configure<IOptions<MessagingOptions>, IOptions<RealtimeOptions>>((o, messaging, realtime) =>
            {
                o.Configuration = OperationsSetup.RedisConfiguration(messaging.Value.Redis!);
                o.Configuration.ChannelPrefix = RedisChannel.Literal($"{realtime.Value.ChannelPrefix}:signalr:");
            });
            services.AddOptions<RealtimeOptions>()
                .Validate<IOptions<MessagingOptions>>((_, messaging) => messaging.Value.UsesRedis, "Messaging:Realtime:SignalRBackplane needs Messaging:Redis.");
        }

        // Events shared through Redis are signed; a key is required wherever Redis is used outside Development (docs/security.md).
        services.AddOptions<RealtimeOptions>()
            .Validate<IOptions<MessagingOptions>, IHostEnvironment>(
                (realtime, messaging, environment) => !messaging.Value.UsesRedis || environment.IsDevelopment() || !string.IsNullOrEmpty(realtime.EventSigningKey),
                "Messaging:Realtime:EventSigningKey is required when Messaging:Redis is set (outside Development): nodes sign the events they share through Redis with it. Give every node the same secret of at least 32 characters.")
            .Validate(
                realtime => string.IsNullOrEmpty(realtime.EventSigningKey) || realtime.EventSigningKey.Length >= RealtimeOptions.MinimumEventSigningKeyLength,
                "Messaging:Realtime:EventSigningKey must be at least 32 characters long.");

        // Healthy without Redis (single node); degraded while a configured Redis is unreachable.
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, ["ready"]);
        services.AddQueuedSubscriptions();
        services.AddSingleton<HubEventWriter>();
        services.AddSingleton<HubConnections>();
        return services;
    }

    public static IEndpointRouteBuilder MapMessagingRealtime(this IEndpointRouteBuilder app)
    {
        // Bearer only (header or ?access_token=): the hub is for apps and services; the Blazor UI listens on the bus directly.
        app.MapHub<MessagingHub>(HubPath).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.BearerScheme });
        return app;
    }
}
