using System.Security.Cryptography;
using System.Threading.Channels;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Messaging.Core.Attachments;

/// <summary>A large image waiting to be cleaned: its encrypted spool file and the key only this process holds.</summary>
public sealed record ImageJob(Guid AttachmentId, FileType Type, string SpoolPath, byte[] SpoolKey, long Size);

/// <summary>Large images wait here for <see cref="ImageWorker"/>, one at a time, so big decodes never pile up in memory.</summary>
public sealed class ImageQueue
{
    private readonly Channel<ImageJob> jobs = Channel.CreateUnbounded<ImageJob>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(ImageJob job) => jobs.Writer.TryWrite(job);

    internal ChannelReader<ImageJob> Reader => jobs.Reader;
}

/// <summary>
/// Cleans and thumbnails large images after their upload returned. If the process stops first, the spool key is gone
/// with it: the attachment stays in Processing and the clean-up removes it like any upload that never completed.
/// </summary>
public sealed partial class ImageWorker(ImageQueue queue, IServiceProvider services, ILogger<ImageWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ProcessAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One broken image (any decoder failure) must not stop the worker.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // One broken image must not stop the worker for everyone else's; it is logged and its attachment removed.
                LogFailed(logger, ex, job.AttachmentId);
                await RemoveAsync(job.AttachmentId);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(job.SpoolKey);
                File.Delete(job.SpoolPath);
            }
        }
    }

    private async Task ProcessAsync(ImageJob job, CancellationToken cancellationToken)
    {
        byte[] image;
        await using (var spool = new FileStream(job.SpoolPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
        await using (var plain = ChunkedCipher.Decrypting(spool, job.SpoolKey, job.AttachmentId, AttachmentPart.Spool, job.Size, 0))
        {
            image = new byte[job.Size];
            await plain.ReadExactlyAsync(image, cancellationToken);
        }

        var processor = services.GetRequiredService<ImageProcessor>();
        ProcessedImage processed;
        try
        {
            processed = processor.Process(image, job.Type);
        }
        catch (MessagingException)
        {
            await RemoveAsync(job.AttachmentId);
            return;
        }

        var dbFactory = services.GetRequiredService<IDbContextFactory<MessagingDbContext>>();
        var blobs = services.GetRequiredService<AttachmentBlobs>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var attachment = await db.Attachments.FirstOrDefaultAsync(a => a.Id == job.AttachmentId, cancellationToken);
        if (attachment is null)
        {
            return;
        }

        var wrappedKey = await db.Conversations.Where(c => c.Id == attachment.ConversationId).Select(c => c.WrappedDataKey).SingleAsync(cancellationToken);
        await UploadAttachmentHandler.SaveProcessedAsync(blobs, attachment, processed, wrappedKey, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(db, attachment, cancellationToken);
    }

    /// <summary>
    /// A message sent while its image was still being cleaned showed "preparing": tell everyone in the conversation
    /// (message_updated) so the image appears without a reload.
    /// </summary>
    private async Task AnnounceAsync(MessagingDbContext db, Attachment attachment, CancellationToken cancellationToken)
    {
        // Read again after the save: a send that claimed the file meanwhile is seen here, or else its own view (read
        // after its commit, so after this save) already shows the image ready.
        var messageId = await db.Attachments.Where(a => a.Id == attachment.Id).Select(a => a.MessageId).SingleOrDefaultAsync(cancellationToken);
        if (messageId is null)
        {
            return;
        }

        try
        {
            var membership = await db.LoadMembershipAsync(attachment.ConversationId, attachment.UploaderId, cancellationToken);
            var message = await db.Messages.AsNoTracking().FirstAsync(m => m.Id == messageId.Value, cancellationToken);
            var context = await MessageMapper.WithAttachmentsAsync(db, membership.ReceiptContext(), [messageId.Value], cancellationToken);
            var view = services.GetRequiredService<MessageMapper>().ToView(message, context);
            await services.GetRequiredService<IEventBus>().PublishAsync(new MessageEvent(membership.Audience, MessageEventKind.Updated, view), cancellationToken);
        }
        catch (MessagingException)
        {
            // The uploader left meanwhile: the next load shows the image; there is nobody to tell in their name.
        }
    }

    private async Task RemoveAsync(Guid attachmentId)
    {
        var dbFactory = services.GetRequiredService<IDbContextFactory<MessagingDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var attachment = await db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId, CancellationToken.None);
        if (attachment is null)
        {
            return;
        }

        attachment.ThumbnailKey ??= AttachmentBlobs.ThumbnailKey(attachment.Id);
        await services.GetRequiredService<AttachmentBlobs>().DeleteAsync(attachment, CancellationToken.None);
        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Processing the image of attachment {AttachmentId} failed; it was removed")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid attachmentId);
}
