using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Messaging.Core.Realtime;

/// <summary>
/// Subscribes the node to the Redis event channel without holding up start-up: a node whose Redis is down starts,
/// serves its own users, and joins the others once Redis answers (the client then restores the subscription itself).
/// </summary>
public sealed class RedisEventBusStarter(RedisEventBus bus, TimeProvider time, ILogger<RedisEventBusStarter> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bus.StartAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Cannot subscribe to the Redis event channel yet; retrying.");
                await Task.Delay(RetryEvery, time, stoppingToken);
            }
        }
    }
}
