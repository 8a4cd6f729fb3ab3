using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Presence;

/// <summary>Runs <see cref="PresenceTracker.SweepAsync"/> on every node: heartbeats and the away timer.</summary>
public sealed class PresenceSweeper(PresenceTracker tracker, TimeProvider time, IOptions<PresenceOptions> options, ILogger<PresenceSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromTicks(Math.Min(options.Value.Heartbeat.Ticks, options.Value.AwayAfter.Ticks / 4));
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await tracker.SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Presence sweep failed; retrying at the next tick.");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
