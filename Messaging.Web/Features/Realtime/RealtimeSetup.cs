using Messaging.Core.Realtime;
using Messaging.Web.Features.Api;
using Messaging.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
        var redis = configuration["Messaging:Redis"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            var realtime = configuration.GetSection(RealtimeOptions.Section).Get<RealtimeOptions>() ?? new RealtimeOptions();
            if (realtime.SignalRBackplane)
            {
                signalR.AddStackExchangeRedis(o =>
                {
                    o.Configuration = OperationsSetup.RedisConfiguration(redis);
                    o.Configuration.ChannelPrefix = RedisChannel.Literal($"{realtime.ChannelPrefix}:signalr:");
                });
            }

            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, ["ready"]);
        }

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
