using Messaging.Web.Features.Realtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.Operations;

/// <summary>
/// What a node does when told to stop (SIGTERM): from that moment it is not ready (the load balancer stops sending it
/// anything), refuses new hub connections, and tells every hub client of this node to reconnect elsewhere. Kestrel
/// then stops accepting and lets requests in flight finish within <see cref="ShutdownOptions.Timeout"/> (the host's
/// shutdown timeout), so a send that was accepted commits and is answered.
/// </summary>
internal sealed class GracefulShutdown(
    IHostApplicationLifetime lifetime,
    HubConnections hubConnections,
    IOptions<ShutdownOptions> options,
    ILogger<GracefulShutdown> logger) : IHostedService, IHealthCheck
{
    private CancellationTokenRegistration stopping;

    /// <summary>True once the node has been told to stop.</summary>
    public bool IsDraining => lifetime.ApplicationStopping.IsCancellationRequested;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered after SignalR's own stopping callback (which closes connections): callbacks run last-registered
        // first, so the hint is written before the connections close.
        stopping = lifetime.ApplicationStopping.Register(TellClientsToReconnect);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        stopping.Dispose();
        return Task.CompletedTask;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsDraining ? HealthCheckResult.Unhealthy("Shutting down.") : HealthCheckResult.Healthy());

    private void TellClientsToReconnect()
    {
        var count = hubConnections.Count;
        logger.LogInformation("Shutting down: telling {Count} hub connections to reconnect elsewhere.", count);
        // A cancellation callback cannot be awaited, and SignalR's own stopping callback (next) closes the connections:
        // waiting here, bounded, keeps them open until the hints are out. No synchronization context, so no deadlock;
        // SignalR blocks the same way in its callback.
#pragma warning disable RS0030
        var sent = hubConnections.TellAllToReconnectAsync(ReconnectReason.Shutdown).Wait(options.Value.HintTimeout);
#pragma warning restore RS0030
        if (!sent)
        {
            logger.LogWarning("Not every reconnect hint was written within {HintTimeout}.", options.Value.HintTimeout);
        }

        // Written is not yet sent: SignalR's stopping callback aborts every connection without flushing what its
        // transport still holds (closeGracefully: false), and under load that lost the hint. Clients that follow the
        // contract leave as soon as they read it; wait for them, within the same bound.
        if (!SpinWait.SpinUntil(() => hubConnections.Count == 0, options.Value.HintTimeout))
        {
            logger.LogInformation("{Count} hub connections were still open {HintTimeout} after the reconnect hint.", hubConnections.Count, options.Value.HintTimeout);
        }
    }
}
