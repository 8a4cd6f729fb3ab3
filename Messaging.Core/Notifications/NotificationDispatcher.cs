using System.Data.Common;
using Messaging.Core.Common;
using Messaging.Core.Notifications.Push;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Notifications;

/// <summary>
/// Turns outbox entries into notifications. Each entry is claimed, planned and marked processed in one transaction
/// together with the rows it creates, so a crash either leaves it untouched (redone in full) or done (never redone);
/// a second node racing for the same entry finds it claimed. Live events and pushes follow the commit.
/// </summary>
public sealed partial class NotificationDispatcher(
    IDbContextFactory<MessagingDbContext> dbFactory,
    NotificationPlanner planner,
    NotificationsHandler notifications,
    IEventBus events,
    IPushQueue pushQueue,
    SqliteWriteGate writeGate,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessPendingAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException or TimeoutException)
            {
                // The database is away for a moment: the entries stay in the outbox and the next round takes them.
                LogDispatchFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.DispatchInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Processes up to <see cref="BatchSize"/> waiting entries; returns how many it looked at.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken = default)
    {
        List<Guid> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Set<NotificationOutboxEntry>().Where(e => e.ProcessedAt == null)
                .OrderBy(e => e.CreatedAt).Select(e => e.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }

        foreach (var id in ids)
        {
            await ProcessAsync(id, cancellationToken);
        }

        return ids.Count;
    }

    private async Task ProcessAsync(Guid entryId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        NotificationPlan plan;
        var writing = await writeGate.EnterAsync(cancellationToken);
        try
        {
            plan = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var now = time.UtcNow();
                var claimed = await db.Set<NotificationOutboxEntry>()
                    .Where(e => e.Id == entryId && e.ProcessedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, now), cancellationToken);
                if (claimed == 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    return NotificationPlan.Empty;
                }

                var entry = await db.Set<NotificationOutboxEntry>().AsNoTracking().SingleAsync(e => e.Id == entryId, cancellationToken);
                var planned = await planner.PlanAsync(db, entry, now, cancellationToken);
                db.Set<Notification>().AddRange(planned.InApp);
                db.Set<EmailDigestItem>().AddRange(planned.Emails);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return planned;
            });
        }
        finally
        {
            writing.Dispose();
        }

        if (plan.InApp.Count > 0)
        {
            foreach (var view in await notifications.ToViewsAsync(db, plan.InApp, cancellationToken))
            {
                var userId = plan.InApp.First(n => n.Id == view.Id).UserId;
                await events.PublishAsync(new NotificationEvent([userId], view), cancellationToken);
            }
        }

        if (plan.Pushes.Count > 0)
        {
            var users = plan.Pushes.Select(p => p.UserId).ToArray();
            var subscriptions = await db.Set<PushSubscription>().Where(s => users.Contains(s.UserId)).Select(s => new { s.Id, s.UserId }).ToListAsync(cancellationToken);
            foreach (var push in plan.Pushes)
            {
                foreach (var subscription in subscriptions.Where(s => s.UserId == push.UserId))
                {
                    // After the commit: a crash here loses a push, never sends one twice.
                    pushQueue.Enqueue(subscription.Id, push.Payload);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification dispatch failed; the outbox keeps the entries for the next round.")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);
}
