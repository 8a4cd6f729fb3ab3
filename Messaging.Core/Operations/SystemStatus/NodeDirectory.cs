using System.Collections.Concurrent;
using System.Text.Json;
using Messaging.Core.Common;
using Messaging.Core.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Messaging.Core.Operations.SystemStatus;

/// <summary>
/// The nodes of this installation, as they last reported themselves. With Redis, one hash <c>{prefix}:nodes</c> (node id →
/// report) shared by every node; without it, this node alone. A node silent for <see cref="Lifetime"/> is gone (killed,
/// or cut off from Redis) and is dropped when the list is read.
/// </summary>
public sealed class NodeDirectory(IServiceProvider services, IOptions<MessagingOptions> options, IOptions<RealtimeOptions> realtime, TimeProvider time)
{
    /// <summary>How often a node reports; three missed reports and it is gone.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Lifetime = Interval * 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly ConcurrentDictionary<string, NodeReport> local = new();
    private readonly RedisKey key = $"{realtime.Value.ChannelPrefix}:nodes";
    private IConnectionMultiplexer? multiplexer;

    public async Task ReportAsync(NodeReport report)
    {
        local[report.NodeId] = report;
        if (Redis() is { IsConnected: true } redis)
        {
            await redis.GetDatabase().HashSetAsync(key, report.NodeId, JsonSerializer.Serialize(report, Json));
        }
    }

    /// <summary>A node stopping on purpose leaves the list at once.</summary>
    public async Task LeaveAsync(string nodeId)
    {
        local.TryRemove(nodeId, out _);
        if (Redis() is { IsConnected: true } redis)
        {
            await redis.GetDatabase().HashDeleteAsync(key, nodeId);
        }
    }

    public async Task<IReadOnlyList<NodeReport>> ListAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var reports = local.Values.ToList();
        if (Redis() is { IsConnected: true } redis)
        {
            var db = redis.GetDatabase();
            reports = [];
            foreach (var entry in await db.HashGetAllAsync(key))
            {
                var report = JsonSerializer.Deserialize<NodeReport>(entry.Value.ToString(), Json);
                if (report is null || now - report.SeenAt > Lifetime)
                {
                    await db.HashDeleteAsync(key, entry.Name);
                    continue;
                }

                reports.Add(report);
            }
        }

        return [.. reports.OrderBy(r => r.StartedAt)];
    }

    // Resolved once, at the first beat: a node leaving while its host shuts down must not ask a container that may
    // already be disposed (seen when a test host stopped: ObjectDisposedException from LeaveAsync).
    private IConnectionMultiplexer? Redis() => options.Value.UsesRedis ? multiplexer ??= services.GetRequiredService<IConnectionMultiplexer>() : null;
}
