using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
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
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.UnreferencedLifetime;
        var expired = await db.Attachments
            .Where(a => (a.MessageId == null && a.CreatedAt < cutoff)
                        || db.Messages.Any(m => m.Id == a.MessageId && m.IsDeleted))
            .OrderBy(a => a.CreatedAt)
            .Take(500)
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

/// <summary>Runs <see cref="AttachmentCleanup"/> every <see cref="AttachmentOptions.CleanupInterval"/> (until jobs move to Hangfire).</summary>
public sealed partial class AttachmentCleanupService(AttachmentCleanup cleanup, IOptions<AttachmentOptions> options, TimeProvider time, ILogger<AttachmentCleanupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        do
        {
            try
            {
                await cleanup.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or IOException or Amazon.S3.AmazonS3Exception or InvalidOperationException)
            {
                // The database or the store was unavailable; the next tick tries again.
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attachment clean-up failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
