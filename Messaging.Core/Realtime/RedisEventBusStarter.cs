using Messaging.Core.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Realtime;

/// <summary>
/// Subscribes the node to the Redis event channel without holding up start-up: a node whose Redis is down starts,
/// serves its own users, and joins the others once Redis answers (the client then restores the subscription itself).
/// Does nothing on a single node (no <c>Messaging:Redis</c>).
/// </summary>
public sealed class RedisEventBusStarter(
    IServiceProvider services, IOptions<MessagingOptions> options, TimeProvider time, ILogger<RedisEventBusStarter> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.UsesRedis)
        {
            return;
        }

        // Resolved only with Redis configured: the Redis bus needs the host's connection multiplexer.
        var bus = services.GetRequiredService<RedisEventBus>();
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
