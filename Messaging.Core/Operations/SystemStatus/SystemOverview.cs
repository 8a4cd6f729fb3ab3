using System.Net.Sockets;
using Messaging.Core.Accounts;
using Messaging.Core.Attachments;
using Messaging.Core.Notifications.Email;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Operations.SystemStatus;

public enum ServiceState
{
    Healthy,
    Unreachable,
    NotConfigured,
}

/// <summary>One dependency as the System page shows it; <see cref="Address"/> never holds credentials.</summary>
public sealed record ServiceStatus(string Name, ServiceState State, string? Address);

/// <summary>The schema level: which migration the database is at and how many this build would still apply.</summary>
public sealed record DatabaseStatus(string Provider, int AppliedMigrations, string? LatestMigration, int PendingMigrations);

public sealed record SystemOverview(DatabaseStatus Database, IReadOnlyList<ServiceStatus> Services, IReadOnlyList<NodeReport> Nodes);

/// <summary>
/// What administrators see on the System page and at <c>GET /api/v1/admin/system</c>: the database's migration level,
/// whether the mail server and object store answer, and the nodes. Administrators only.
/// </summary>
public sealed class SystemOverviewReader(
    IDbContextFactory<MessagingDbContext> dbFactory,
    NodeDirectory nodes,
    IOptions<EmailOptions> email,
    IOptions<AttachmentOptions> attachments)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<SystemOverview> ReadAsync(Guid adminId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UserVerificationHandler.RequireAdminAsync(db, adminId, cancellationToken);

        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        var database = new DatabaseStatus(db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite", applied.Count, applied.LastOrDefault(), pending);

        var services = await Task.WhenAll(SmtpAsync(cancellationToken), ObjectStoreAsync(cancellationToken));
        return new SystemOverview(database, services, await nodes.ListAsync());
    }

    private Task<ServiceStatus> SmtpAsync(CancellationToken cancellationToken) => email.Value.Host is { Length: > 0 } host
        ? ProbeAsync("smtp", host, email.Value.Port, cancellationToken)
        : Task.FromResult(new ServiceStatus("smtp", ServiceState.NotConfigured, null));

    /// <summary>The file system store is part of this node; S3 is probed at its endpoint (AWS's own when none is set).</summary>
    private Task<ServiceStatus> ObjectStoreAsync(CancellationToken cancellationToken)
    {
        if (attachments.Value.Store != AttachmentStoreKind.S3)
        {
            return Task.FromResult(new ServiceStatus("object_store", ServiceState.NotConfigured, null));
        }

        var endpoint = attachments.Value.S3.ServiceUrl is { Length: > 0 } url
            ? new Uri(url)
            : new Uri($"https://s3.{attachments.Value.S3.Region}.amazonaws.com");
        return ProbeAsync("object_store", endpoint.Host, endpoint.Port, cancellationToken);
    }

    /// <summary>A TCP connection within two seconds: enough to tell "down or unreachable" from "answering", without credentials.</summary>
    private static async Task<ServiceStatus> ProbeAsync(string name, string host, int port, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, timeout.Token);
            return new ServiceStatus(name, ServiceState.Healthy, $"{host}:{port}");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return new ServiceStatus(name, ServiceState.Unreachable, $"{host}:{port}");
        }
    }
}
