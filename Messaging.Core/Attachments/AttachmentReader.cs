using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Attachments;

/// <summary>An attachment ready to send: what it is and a seekable stream of its plaintext (for HTTP Range).</summary>
public sealed record AttachmentDownload(AttachmentView Attachment, string ContentType, long Length, Stream Content, string Sha256, DateTime CreatedAt);

/// <summary>
/// Reads attachments for people who take part in the conversation now. Everyone else, and everything not (or no
/// longer) visible — another user's unsent upload, a deleted message's file, history the reader cleared — is
/// <see cref="ErrorCode.NotFound"/>, the same answer as for an id that never existed.
/// </summary>
public sealed class AttachmentReader(IDbContextFactory<MessagingDbContext> dbFactory, AttachmentBlobs blobs)
{
    public async Task<AttachmentDownload> OpenAsync(Guid userId, Guid attachmentId, bool thumbnail, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (attachment, conversation) = await RequireVisibleAsync(db, userId, attachmentId, cancellationToken);
        if (attachment.State == AttachmentState.Processing)
        {
            throw new MessagingException(ErrorCode.AttachmentNotReady);
        }

        if (thumbnail && attachment.ThumbnailKey is null)
        {
            throw new MessagingException(ErrorCode.NotFound);
        }

        var part = thumbnail ? AttachmentPart.Thumbnail : AttachmentPart.Content;
        var length = thumbnail ? attachment.ThumbnailSize ?? 0 : attachment.Size;
        var wrappedKey = conversation.WrappedDataKey;
        var stream = new RangeReadStream(length, (offset, ct) => blobs.OpenAsync(attachment, part, offset, wrappedKey, ct));
        return new AttachmentDownload(
            AttachmentView.Of(attachment), thumbnail ? "image/jpeg" : attachment.ContentType, length, stream, attachment.Sha256, attachment.CreatedAt);
    }

    /// <summary>The conversation's shared files, newest first (the "Files" tab).</summary>
    public async Task<IReadOnlyList<SharedFileView>> ListAsync(Guid userId, Guid conversationId, int? limit, DateTime? before, CancellationToken cancellationToken = default)
    {
        var take = Limits.Clamp(limit, Limits.DefaultPageSize, Limits.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var participant = (await db.RequireMembershipAsync(conversationId, userId, cancellationToken)).Caller;
        var query =
            from a in db.Attachments.AsNoTracking()
            join m in db.Messages on a.MessageId equals m.Id
            join u in db.Users on a.UploaderId equals u.Id
            where a.ConversationId == conversationId && a.State != AttachmentState.Uploading
                  && !m.IsDeleted && m.Sequence > participant.ClearedThroughSequence
            select new { Attachment = a, m.SentAt, SenderName = u.Name, u.DeletedAt, MessageId = m.Id };
        if (before is { } cutoff)
        {
            query = query.Where(x => x.SentAt < cutoff);
        }

        var rows = await query.OrderByDescending(x => x.SentAt).ThenByDescending(x => x.Attachment.Id).Take(take).ToListAsync(cancellationToken);
        return rows.Select(x => new SharedFileView(AttachmentView.Of(x.Attachment), x.MessageId, x.Attachment.UploaderId, DataRights.DeletedAccount.NameOf(x.SenderName, x.DeletedAt), x.SentAt)).ToArray();
    }

    internal static async Task<(Attachment Attachment, Conversation Conversation)> RequireVisibleAsync(
        MessagingDbContext db, Guid userId, Guid attachmentId, CancellationToken cancellationToken)
    {
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        var participant = await db.Participants.AsNoTracking().Include(p => p.Conversation)
            .FirstOrDefaultAsync(p => p.ConversationId == attachment.ConversationId && p.UserId == userId && p.IsActive, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        var verified = await db.Users.AnyAsync(u => u.Id == userId && u.VerificationStatus == Accounts.VerificationStatus.Verified, cancellationToken);
        if (!verified || attachment.State == AttachmentState.Uploading)
        {
            throw new MessagingException(ErrorCode.NotFound);
        }

        if (attachment.MessageId is not { } messageId)
        {
            // Uploaded but not sent yet: only its uploader sees it (to preview before sending).
            return attachment.UploaderId == userId ? (attachment, participant.Of()) : throw new MessagingException(ErrorCode.NotFound);
        }

        var visible = await db.Messages.AnyAsync(
            m => m.Id == messageId && !m.IsDeleted && m.Sequence > participant.ClearedThroughSequence, cancellationToken);
        return visible ? (attachment, participant.Of()) : throw new MessagingException(ErrorCode.NotFound);
    }
}

/// <summary>An attachment in the conversation's file list: the file, the message that shared it, who and when.</summary>
public sealed record SharedFileView(AttachmentView Attachment, Guid MessageId, Guid SenderId, string SenderName, DateTime SentAt);
