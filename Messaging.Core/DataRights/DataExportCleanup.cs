using Hangfire;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Messaging.Core.DataRights;

/// <summary>
/// Deletes exports past <see cref="DataExport.ExpiresAt"/>: the ZIP first, then the row, so a crash in between leaves a
/// row the next run finds again. A ZIP holds a person's whole history; it must not outlive its offer.
/// </summary>
public sealed partial class DataExportCleanup(
    IDbContextFactory<MessagingDbContext> dbFactory,
    IAttachmentStore store,
    SqliteWriteGate writeGate,
    TimeProvider time,
    ILogger<DataExportCleanup> logger)
{
    public const string RecurringJobId = "data-export-cleanup";
    public const int BatchSize = 200;

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await RemoveExpiredAsync(time.UtcNow(), cancellationToken) == BatchSize)
        {
        }
    }

    /// <summary>Removes up to <see cref="BatchSize"/> exports expired at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> RemoveExpiredAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expired = await db.Set<DataExport>().Where(e => e.ExpiresAt <= now).OrderBy(e => e.ExpiresAt).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var export in expired)
        {
            await store.DeleteAsync(export.StorageKey ?? DataExport.KeyOf(export.Id), cancellationToken);
        }

        using (await writeGate.EnterAsync(cancellationToken))
        {
            db.RemoveRange(expired);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (expired.Count > 0)
        {
            LogRemoved(logger, expired.Count);
        }

        return expired.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} expired data exports")]
    private static partial void LogRemoved(ILogger logger, int count);
}
