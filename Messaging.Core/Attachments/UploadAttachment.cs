using System.Security.Cryptography;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Attachments;

/// <summary>One uploaded file: its name as the client gave it and its bytes as they arrive (never buffered whole).</summary>
public sealed record UploadAttachment(Guid ConversationId, string? FileName, Stream Content);

/// <summary>
/// Stores a file for a conversation the uploader takes part in. The type comes from the first bytes (allow-list), the
/// size is counted as the bytes stream through (413 as soon as it is exceeded), the SHA-256 is computed on the way,
/// images lose their metadata, and encrypted conversations get their bytes encrypted before they reach the store.
/// The row is written first (state Uploading) so a crash mid-upload leaves nothing the clean-up cannot find.
/// </summary>
public sealed class UploadAttachmentHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    AttachmentBlobs blobs,
    ImageProcessor images,
    ImageQueue imageQueue,
    ClamAvScanner scanner,
    IOptions<AttachmentOptions> options,
    IOptions<MessagingOptions> messagingOptions,
    TimeProvider time)
{
    public async Task<AttachmentView> HandleAsync(Guid uploaderId, UploadAttachment command, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var fileName = FileNames.Clean(command.FileName);
        var conversation = await RequireUploadRightsAsync(uploaderId, command.ConversationId, 0, cancellationToken);

        var head = new byte[FileTypes.SniffLength];
        var headLength = await command.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "file");
        }

        var type = FileTypes.Detect(head.AsSpan(0, headLength), fileName);
        if (!settings.EffectiveAllowedTypes.Contains(type.Name, StringComparer.OrdinalIgnoreCase))
        {
            throw new MessagingException(ErrorCode.FileTypeNotAllowed, "file");
        }

        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversation.Id,
            UploaderId = uploaderId,
            Kind = type.Kind,
            State = AttachmentState.Uploading,
            FileName = fileName,
            ContentType = type.ContentType,
            IsEncrypted = conversation.IsEncrypted,
            CreatedAt = time.UtcNow(),
        };
        attachment.StorageKey = AttachmentBlobs.ContentKey(attachment.Id);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.Attachments.Add(attachment);
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            await using var prefixed = new PrefixedStream(head, headLength, command.Content);
            await using var metered = new MeteredStream(prefixed, settings.MaxBytes);
            if (type.Kind == AttachmentKind.Image)
            {
                await StoreImageAsync(attachment, type, metered, conversation.WrappedDataKey, cancellationToken);
            }
            else
            {
                await blobs.PutAsync(attachment, AttachmentPart.Content, metered, conversation.WrappedDataKey, cancellationToken);
                attachment.Size = metered.Count;
                attachment.Sha256 = metered.Sha256;
                attachment.State = AttachmentState.Ready;
            }

            await RequireUploadRightsAsync(uploaderId, conversation.Id, attachment.Size, cancellationToken, attachment.Id);
            if (scanner.Enabled && attachment.State == AttachmentState.Ready)
            {
                await using var content = await blobs.OpenAsync(attachment, AttachmentPart.Content, 0, conversation.WrappedDataKey, cancellationToken);
                await scanner.ScanAsync(content, cancellationToken);
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.Attachments.Update(attachment);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Rethrown below. Nothing of a refused or broken upload stays behind (no token: the caller's may be cancelled).
            await DeleteQuietlyAsync(attachment);

            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.Attachments.Where(a => a.Id == attachment.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        return AttachmentView.Of(attachment);
    }

    private async Task StoreImageAsync(Attachment attachment, FileType type, MeteredStream metered, string? wrappedKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Small images are cleaned now (a few MB in memory); a larger one is spooled to disk and cleaned in the background.
        var limit = (int)Math.Min(settings.BackgroundImageBytes, settings.MaxBytes) + 1;
        var buffer = new byte[Math.Min(limit, 1024 * 1024)];
        using var memory = new MemoryStream();
        int read;
        while (memory.Length < limit && (read = await metered.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - memory.Length)), cancellationToken)) > 0)
        {
            memory.Write(buffer, 0, read);
        }

        if (memory.Length < limit)
        {
            var processed = images.Process(memory.ToArray(), type);
            await SaveProcessedAsync(blobs, attachment, processed, wrappedKey, cancellationToken);
            return;
        }

        // The spool file is encrypted with a key that only this process holds, so no plaintext image touches the disk.
        var spoolKey = RandomNumberGenerator.GetBytes(32);
        var spool = SpoolPath(attachment.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(spool)!);
        memory.Position = 0;
        await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        await using (var rest = new PrefixedStream(memory.GetBuffer(), (int)memory.Length, metered))
        await using (var encrypting = ChunkedCipher.Encrypting(rest, spoolKey, attachment.Id, AttachmentPart.Spool))
        {
            await encrypting.CopyToAsync(file, cancellationToken);
        }

        attachment.Size = metered.Count;
        attachment.State = AttachmentState.Processing;
        imageQueue.Enqueue(new ImageJob(attachment.Id, type, spool, spoolKey, metered.Count));
    }

    /// <summary>Stores a cleaned image and its thumbnail and records their sizes, hash and dimensions on <paramref name="attachment"/>.</summary>
    internal static async Task SaveProcessedAsync(AttachmentBlobs blobs, Attachment attachment, ProcessedImage processed, string? wrappedKey, CancellationToken cancellationToken)
    {
        await using (var content = new MemoryStream(processed.Content, writable: false))
        {
            await blobs.PutAsync(attachment, AttachmentPart.Content, content, wrappedKey, cancellationToken);
        }

        await using (var thumbnail = new MemoryStream(processed.Thumbnail, writable: false))
        {
            await blobs.PutAsync(attachment, AttachmentPart.Thumbnail, thumbnail, wrappedKey, cancellationToken);
        }

        attachment.Size = processed.Content.Length;
        attachment.Sha256 = Convert.ToHexStringLower(SHA256.HashData(processed.Content));
        attachment.Width = processed.Width;
        attachment.Height = processed.Height;
        attachment.ThumbnailKey = AttachmentBlobs.ThumbnailKey(attachment.Id);
        attachment.ThumbnailSize = processed.Thumbnail.Length;
        attachment.State = AttachmentState.Ready;
    }

    internal string SpoolPath(Guid id) => Path.Combine(messagingOptions.Value.FullDataDirectory, "attachments-spool", $"{id:N}.spool");

    /// <summary>
    /// The conversation, when the user may upload to it now: an active participant (else 404, as for an unknown id),
    /// verified, file sharing on, and — counting <paramref name="adding"/> more bytes — within both quotas.
    /// </summary>
    private async Task<Conversation> RequireUploadRightsAsync(Guid userId, Guid conversationId, long adding, CancellationToken cancellationToken, Guid? excluding = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversation = (await db.RequireMembershipAsync(conversationId, userId, cancellationToken)).Conversation;
        if (!conversation.IsActive)
        {
            throw new MessagingException(ErrorCode.NotFound);
        }

        if (!conversation.AllowFileSharing)
        {
            throw new MessagingException(ErrorCode.FileSharingDisabled);
        }

        var settings = options.Value;
        if (settings.UserQuotaBytes > 0)
        {
            var used = await db.Attachments.Where(a => a.UploaderId == userId && a.Id != excluding).SumAsync(a => a.Size, cancellationToken);
            if (used + Math.Max(adding, 1) > settings.UserQuotaBytes)
            {
                throw new MessagingException(ErrorCode.AttachmentQuotaExceeded, "file");
            }
        }

        if (settings.ConversationQuotaBytes > 0)
        {
            var used = await db.Attachments.Where(a => a.ConversationId == conversationId && a.Id != excluding).SumAsync(a => a.Size, cancellationToken);
            if (used + Math.Max(adding, 1) > settings.ConversationQuotaBytes)
            {
                throw new MessagingException(ErrorCode.AttachmentQuotaExceeded, "file");
            }
        }

        return conversation;
    }

    private async Task DeleteQuietlyAsync(Attachment attachment)
    {
        try
        {
            attachment.ThumbnailKey ??= AttachmentBlobs.ThumbnailKey(attachment.Id);
            await blobs.DeleteAsync(attachment, CancellationToken.None);
            File.Delete(SpoolPath(attachment.Id));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Amazon.S3.AmazonS3Exception)
        {
            // The row goes anyway; a stray object is harmless and unreachable (no row names it).
        }
    }
}

/// <summary>Cleans file names from clients: no folders, no control or bidi-override characters, at most 255 characters.</summary>
public static class FileNames
{
    public const int MaxLength = 255;

    public static string Clean(string? name)
    {
        var leaf = (name ?? "").Replace('\\', '/');
        leaf = leaf[(leaf.LastIndexOf('/') + 1)..];
        var cleaned = new string(leaf.Where(c => !char.IsControl(c) && !IsBidiControl(c)).ToArray()).Trim().Trim('.');
        if (cleaned.Length == 0)
        {
            cleaned = "file";
        }

        if (cleaned.Length > MaxLength)
        {
            var extension = Path.GetExtension(cleaned);
            cleaned = extension.Length is > 0 and < 16 ? cleaned[..(MaxLength - extension.Length)] + extension : cleaned[..MaxLength];
        }

        return cleaned;
    }

    // Right-to-left overrides can disguise "exe.pdf" as "fdp.exe"; Arabic names need none of them to read right.
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';
}
