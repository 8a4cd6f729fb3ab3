using Messaging.Core.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Messaging.Web.Features.Realtime;

/// <summary>
/// Degraded (not unhealthy) while Redis is unreachable: the node still serves its own users, but users on other nodes
/// do not hear from them until the client library has reconnected.
/// </summary>
internal sealed class RedisHealthCheck(IServiceProvider services, IOptions<MessagingOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!options.Value.UsesRedis
            ? HealthCheckResult.Healthy("Single node: Redis is not used.")
            : services.GetRequiredService<IConnectionMultiplexer>().IsConnected
            ? HealthCheckResult.Healthy("Redis connected.")
            : new HealthCheckResult(context.Registration.FailureStatus, "Redis disconnected; events stay on this node until it reconnects."));
}
