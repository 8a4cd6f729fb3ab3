using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Messaging.Core.Accounts;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Messages;
using Messaging.Core.Notifications;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Messaging.Core.DataRights;

/// <summary>
/// Builds a "download my data" ZIP: <c>profile.json</c>, one <c>conversations/{id}.json</c> per conversation the person
/// takes part in (exactly the messages they could read in the app, through <see cref="GetMessagesHandler"/>, so
/// encrypted conversations come out in plain text and cleared history stays cleared), and <c>files/</c> with what they
/// uploaded. Then it tells them in-app. Running it twice for one export does the work once.
/// </summary>
public sealed partial class DataExportJob(
    IDbContextFactory<MessagingDbContext> dbFactory,
    ProfileHandler profiles,
    MessageSettingsHandler settings,
    GetMessagesHandler messages,
    AttachmentBlobs blobs,
    NotificationsHandler notifications,
    IEventBus events,
    SqliteWriteGate writeGate,
    TimeProvider time,
    ILogger<DataExportJob> logger)
{
    private const int PageSize = 100;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    [AutomaticRetry(Attempts = 0)]
    public async Task BuildAsync(Guid exportId, CancellationToken cancellationToken)
    {
        DataExport? export;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            export = await db.Set<DataExport>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == exportId, cancellationToken);
        }

        if (export is not { Status: DataExportStatus.Pending })
        {
            return;
        }

        try
        {
            await BuildAndStoreAsync(export, cancellationToken);
        }
        catch (Exception ex)
        {
            LogFailed(logger, export.Id, ex);
            await FinishAsync(export.Id, DataExportStatus.Failed, null, null, cancellationToken);
            throw;
        }
    }

    private async Task BuildAndStoreAsync(DataExport export, CancellationToken cancellationToken)
    {
        // Built in a temporary file, never whole in memory: a person's files can be large.
        var temp = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: true))
            {
                await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    await WriteProfileAsync(zip, export.UserId, cancellationToken);
                    await WriteConversationsAsync(zip, export.UserId, cancellationToken);
                    await WriteFilesAsync(zip, export.UserId, cancellationToken);
                }

                var size = file.Length;
                file.Position = 0;
                var key = DataExport.KeyOf(export.Id);
                await blobs.Store.PutAsync(key, file, cancellationToken);
                await FinishAsync(export.Id, DataExportStatus.Ready, key, size, cancellationToken);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task WriteProfileAsync(ZipArchive zip, Guid userId, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(userId, cancellationToken);
        var preferences = await settings.GetAsync(userId, cancellationToken);
        await WriteJsonAsync(zip, "profile.json", new { profile, settings = preferences }, cancellationToken);
    }

    private async Task WriteConversationsAsync(ZipArchive zip, Guid userId, CancellationToken cancellationToken)
    {
        List<ConversationHeader> conversations;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            conversations = await db.Participants.AsNoTracking()
                .Where(p => p.UserId == userId && p.IsActive)
                .Join(db.Conversations, p => p.ConversationId, c => c.Id, (p, c) => new ConversationHeader(c.Id, c.Title, c.Type, c.IsEncrypted, c.CreatedAt))
                .ToListAsync(cancellationToken);
        }

        foreach (var conversation in conversations)
        {
            var all = new List<MessageView>();
            long after = 0;
            try
            {
                while (true)
                {
                    var page = await messages.HandleAsync(userId, new GetMessages(conversation.Id, PageSize, AfterSequence: after), cancellationToken);
                    all.AddRange(page);
                    if (page.Count < PageSize)
                    {
                        break;
                    }

                    after = page[^1].Sequence;
                }
            }
            catch (MessagingException)
            {
                // No longer readable (left or removed while the export ran): nothing of it belongs in the export.
                continue;
            }

            await WriteJsonAsync(zip, $"conversations/{conversation.Id:N}.json", new { conversation, messages = all }, cancellationToken);
        }
    }

    private async Task WriteFilesAsync(ZipArchive zip, Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var files = await db.Attachments.AsNoTracking()
            .Where(a => a.UploaderId == userId && a.State == AttachmentState.Ready && a.MessageId != null
                        && db.Messages.Any(m => m.Id == a.MessageId && !m.IsDeleted))
            .Join(db.Conversations, a => a.ConversationId, c => c.Id, (a, c) => new { Attachment = a, c.WrappedDataKey })
            .OrderBy(x => x.Attachment.CreatedAt)
            .ToListAsync(cancellationToken);
        foreach (var file in files)
        {
            var entry = zip.CreateEntry($"files/{file.Attachment.Id:N}-{file.Attachment.FileName}", CompressionLevel.Fastest);
            await using var target = await entry.OpenAsync(cancellationToken);
            try
            {
                await using var source = await blobs.OpenAsync(file.Attachment, AttachmentPart.Content, 0, file.WrappedDataKey, cancellationToken);
                await source.CopyToAsync(target, cancellationToken);
            }
            catch (FileNotFoundException)
            {
                // Removed from the store meanwhile (clean-up): the entry stays empty rather than failing the whole export.
            }
        }
    }

    private static async Task WriteJsonAsync(ZipArchive zip, string name, object value, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await JsonSerializer.SerializeAsync(stream, value, Json, cancellationToken);
    }

    private async Task FinishAsync(Guid exportId, DataExportStatus status, string? key, long? size, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNow();
        Notification? told = null;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            var export = await db.Set<DataExport>().FirstOrDefaultAsync(e => e.Id == exportId && e.Status == DataExportStatus.Pending, cancellationToken);
            if (export is null)
            {
                return;
            }

            export.Status = status;
            export.StorageKey = key;
            export.Size = size;
            export.CompletedAt = now;
            if (status == DataExportStatus.Ready)
            {
                // The person is their own "actor": nobody else is involved, and the bell opens /settings for it.
                told = new Notification
                {
                    Id = Guid.CreateVersion7(),
                    UserId = export.UserId,
                    Type = NotificationType.DataExportReady,
                    ConversationId = Guid.Empty,
                    ActorId = export.UserId,
                    SourceId = export.Id,
                    CreatedAt = now,
                };
                db.Set<Notification>().Add(told);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (told is not null)
        {
            foreach (var view in await notifications.ToViewsAsync(db, [told], cancellationToken))
            {
                await events.PublishAsync(new NotificationEvent([told.UserId], view), cancellationToken);
            }
        }
    }

    private sealed record ConversationHeader(Guid Id, string? Title, Conversations.ConversationType ConversationType, bool IsEncrypted, DateTime CreatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Building data export {ExportId} failed")]
    private static partial void LogFailed(ILogger logger, Guid exportId, Exception exception);
}
