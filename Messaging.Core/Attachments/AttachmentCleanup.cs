using Hangfire;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Attachments;

/// <summary>
/// Removes what nobody can reach any more: uploads never sent within <see cref="AttachmentOptions.UnreferencedLifetime"/>
/// (including uploads that never finished) and the files of deleted messages. Objects go first, then rows, so a crash
/// in between leaves a row the next run finds again; every step is safe to repeat.
/// </summary>
public sealed partial class AttachmentCleanup(
    IDbContextFactory<MessagingDbContext> dbFactory,
    AttachmentBlobs blobs,
    IOptions<AttachmentOptions> options,
    TimeProvider time,
    ILogger<AttachmentCleanup> logger)
{
    public const string RecurringJobId = "attachment-cleanup";

    /// <summary>The Hangfire recurring job (<c>Messaging:Attachments:CleanupCron</c>): once per deployment, not once per node.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // Each round takes a bounded batch; a backlog is worked off in rounds.
        while (await RunOnceAsync(cancellationToken) == BatchSize)
        {
        }
    }

    public const int BatchSize = 500;

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.UnreferencedLifetime;
        var expired = await db.Attachments
            .Where(a => (a.MessageId == null && a.CreatedAt < cutoff)
                        || db.Messages.Any(m => m.Id == a.MessageId && m.IsDeleted))
            .OrderBy(a => a.CreatedAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var attachment in expired)
        {
            attachment.ThumbnailKey ??= AttachmentBlobs.ThumbnailKey(attachment.Id);
            await blobs.DeleteAsync(attachment, cancellationToken);
            db.Attachments.Remove(attachment);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (expired.Count > 0)
        {
            LogRemoved(logger, expired.Count);
        }

        return expired.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} unreachable attachments")]
    private static partial void LogRemoved(ILogger logger, int count);
}
