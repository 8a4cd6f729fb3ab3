using Hangfire;
using Messaging.Core.Common;
using Messaging.Core.Operations.SystemStatus;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Messaging.Web.Features.Admin;

/// <summary>Background jobs as Hangfire's storage counts them; <see cref="State"/> is unreachable when the storage does not answer.</summary>
public sealed record JobsStatus(ServiceState State, long Servers, long Queues, long Enqueued, long Scheduled, long Processing, long Failed);

/// <summary>
/// The System page and <c>GET /api/v1/admin/system</c>: this node (build, start), the database's migration level, each
/// dependency's health, the jobs and every node. No setting's value appears, only whether it is set and where to.
/// </summary>
public sealed record SystemStatusView(
    string Version,
    string NodeId,
    DateTime StartedAt,
    DatabaseStatus Database,
    IReadOnlyList<ServiceStatus> Services,
    JobsStatus Jobs,
    IReadOnlyList<NodeReport> Nodes);

/// <summary>Reads <see cref="SystemStatusView"/>: Core's overview first (which refuses anyone but an administrator), then this host's checks.</summary>
public sealed class SystemStatusReader(
    SystemOverviewReader overview,
    HealthCheckService health,
    JobStorage jobs,
    NodeHeartbeat heartbeat,
    IOptions<MessagingOptions> options,
    ILogger<SystemStatusReader> logger)
{
    public async Task<SystemStatusView> ReadAsync(Guid adminId, CancellationToken cancellationToken = default)
    {
        var core = await overview.ReadAsync(adminId, cancellationToken);
        var report = await health.CheckHealthAsync(r => r.Name is "database" or "redis", cancellationToken);
        var services = new List<ServiceStatus> { Checked(report, "database") };
        services.Add(options.Value.UsesRedis ? Checked(report, "redis") : new ServiceStatus("redis", ServiceState.NotConfigured, null));
        services.AddRange(core.Services);
        return new SystemStatusView(NodeHeartbeat.Version, heartbeat.NodeId, heartbeat.StartedAt, core.Database, services, Jobs(), core.Nodes);
    }

    private static ServiceStatus Checked(HealthReport report, string name) =>
        new(name, report.Entries.TryGetValue(name, out var entry) && entry.Status == HealthStatus.Healthy ? ServiceState.Healthy : ServiceState.Unreachable, null);

    private JobsStatus Jobs()
    {
        try
        {
            var statistics = jobs.GetMonitoringApi().GetStatistics();
            return new JobsStatus(ServiceState.Healthy, statistics.Servers, statistics.Queues, statistics.Enqueued, statistics.Scheduled, statistics.Processing, statistics.Failed);
        }
#pragma warning disable CA1031 // Each Hangfire storage throws its own types; any failure means "the job storage does not answer".
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Hangfire's storage did not answer for the System page.");
            return new JobsStatus(ServiceState.Unreachable, 0, 0, 0, 0, 0, 0);
        }
    }
}
