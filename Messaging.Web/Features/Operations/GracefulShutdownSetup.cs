using System.Globalization;
using Messaging.Web.Features.Realtime;

namespace Messaging.Web.Features.Operations;

internal static class GracefulShutdownSetup
{
    /// <summary>Options, the host's shutdown timeout, the readiness check and the stopping hook (<see cref="GracefulShutdown"/>).</summary>
    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services)
    {
        services.AddOptions<ShutdownOptions>().BindConfiguration(ShutdownOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // HostOptions is read while the host is built, before the options are validated: read the setting leniently
        // here (a bad value keeps the default) and let validation stop start-up with a readable message.
        services.AddOptions<HostOptions>().Configure<IConfiguration>((host, configuration) =>
        {
            var shutdown = new ShutdownOptions();
            if (TimeSpan.TryParse(configuration[$"{ShutdownOptions.Section}:{nameof(ShutdownOptions.Timeout)}"], CultureInfo.InvariantCulture, out var timeout)
                && timeout > TimeSpan.Zero)
            {
                shutdown.Timeout = timeout;
            }

            host.ShutdownTimeout = shutdown.Timeout;
        });
        services.AddSingleton<GracefulShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<GracefulShutdown>());
        services.AddHealthChecks().AddCheck<GracefulShutdown>("shutdown", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// While stopping, a new hub connection is answered 503 (with <c>Retry-After</c>) so that its client tries again
    /// and the load balancer sends it to another node. Requests already running, and other requests, go on.
    /// </summary>
    public static IApplicationBuilder UseGracefulShutdown(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(RealtimeSetup.HubPath, StringComparison.OrdinalIgnoreCase)
                && context.RequestServices.GetRequiredService<GracefulShutdown>().IsDraining)
            {
                context.Response.Headers.RetryAfter = "1";
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
