using Hangfire;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Notifications;

/// <summary>
/// The hourly clean-up: outbox entries the dispatcher processed and digest items a digest run took are only kept
/// <see cref="NotificationOptions.Retention"/> (a look after an incident); nothing waiting is ever touched.
/// </summary>
public sealed partial class NotificationCleanupJob(
    IDbContextFactory<MessagingDbContext> dbFactory,
    SqliteWriteGate writeGate,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<NotificationCleanupJob> logger)
{
    public const string RecurringJobId = "notification-cleanup";
    public const string Cron = "17 * * * *";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => RemoveOldAsync(time.UtcNow(), cancellationToken);

    /// <summary>Removes what was done before <paramref name="now"/> minus the retention; returns how many rows went.</summary>
    public async Task<int> RemoveOldAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var cutoff = now - options.Value.Retention;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        using var writing = await writeGate.EnterAsync(cancellationToken);
        var entries = await db.Set<NotificationOutboxEntry>().Where(e => e.ProcessedAt != null && e.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var items = await db.Set<EmailDigestItem>().Where(i => i.ClaimedAt != null && i.ClaimedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (entries + items > 0)
        {
            LogRemoved(logger, entries, items);
        }

        return entries + items;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Entries} processed outbox entries and {Items} sent digest items")]
    private static partial void LogRemoved(ILogger logger, int entries, int items);
}
