using System.Reflection;
using Messaging.Core.Operations.SystemStatus;
using Messaging.Core.Realtime;
using Messaging.Web.Features.Realtime;
using StackExchange.Redis;

namespace Messaging.Web.Features.Admin;

/// <summary>
/// Puts this node on the node list (System page) and keeps its entry fresh: its build, start time and live hub
/// connections and circuits, every <see cref="NodeDirectory.Interval"/>. A node that stops on purpose leaves the list.
/// </summary>
public sealed class NodeHeartbeat(NodeDirectory directory, NodeIdentity node, TimeProvider time, ILogger<NodeHeartbeat> logger) : BackgroundService
{
    public static readonly string Version =
        typeof(NodeHeartbeat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(NodeHeartbeat).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public DateTime StartedAt { get; } = time.GetUtcNow().UtcDateTime;

    public string NodeId => node.Id;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(NodeDirectory.Interval, time);
        do
        {
            var (hub, circuits) = RealtimeMetrics.Count();
            try
            {
                await directory.ReportAsync(new NodeReport(node.Id, Version, StartedAt, time.GetUtcNow().UtcDateTime, hub, circuits));
            }
            catch (RedisException ex)
            {
                logger.LogDebug(ex, "Could not report this node to the node list; trying again at the next beat.");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await directory.LeaveAsync(node.Id);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            // Redis down, or the host's services already gone (shutting down before the first beat): the entry ages out.
            logger.LogDebug(ex, "Could not take this node off the node list; it drops off when its entry ages out.");
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
