using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Messaging.Core.Resources;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Moderation.Reports;

/// <summary>A report of one message (its conversation may be given too), one conversation, or one person.</summary>
public sealed record FileReport(Guid? MessageId, Guid? ConversationId, Guid? UserId, string? Reason, string? Comment);

/// <summary>The report, and whether it is new (false: the reporter had already reported the same open thing).</summary>
public sealed record FiledReport(ReportView Report, bool Created);

/// <summary>
/// Files a report. The reporter must be able to read what they report: the same membership rules as reading history
/// (unknown ids and other people's conversations answer <see cref="ErrorCode.NotFound"/>, so guessing teaches nothing).
/// The evidence is the reported message and up to 10 before it as the reporter reads them now (decrypted in an encrypted
/// conversation: the reporter consents to share them), sealed for administrators; later edits and deletions leave it as
/// it was. Reports of a thing that already has an open case join that case.
/// </summary>
public sealed class FileReportHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    ConversationCipher cipher,
    ReportEvidence evidence,
    SqliteWriteGate writeGate,
    TimeProvider time)
{
    public async Task<FiledReport> HandleAsync(Guid reporterId, FileReport request, CancellationToken cancellationToken = default)
    {
        var reason = ReportNames.Parse<ReportReason>(request.Reason) ?? throw new MessagingException(ErrorCode.ValidationFailed, "reason");
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (comment is { Length: > Limits.MaxReportCommentLength })
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "comment");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var target = await FindTargetAsync(db, reporterId, request, cancellationToken);
        var existing = await db.Set<Report>().AsNoTracking().FirstOrDefaultAsync(
            r => r.ReporterId == reporterId && r.Status == ReportStatus.Open && r.MessageId == target.MessageId
                 && r.ConversationId == target.ConversationId && r.UserId == target.UserId,
            cancellationToken);
        if (existing is not null)
        {
            return new FiledReport(ReportView.Of(existing, evidence.Open(existing.Id, existing.Evidence)), false);
        }

        var report = new Report
        {
            Id = Guid.CreateVersion7(),
            ReporterId = reporterId,
            Reason = reason,
            Comment = comment,
            MessageId = target.MessageId,
            ConversationId = target.ConversationId,
            UserId = target.UserId,
            Status = ReportStatus.Open,
            CreatedAt = time.UtcNow(),
        };
        report.Evidence = evidence.Seal(report.Id, target.Evidence);

        // Two reports of one thing racing: the unique open-case key lets one open the case; the other joins it.
        for (var attempt = 0; ; attempt++)
        {
            using (await writeGate.EnterAsync(cancellationToken))
            {
                var openCase = await db.Set<Report>().AsNoTracking().Where(r => r.OpenCaseKey == target.Key).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
                report.CaseId = openCase ?? report.Id;
                report.OpenCaseKey = openCase is null ? target.Key : null;
                db.Set<Report>().Add(report);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return new FiledReport(ReportView.Of(report, target.Evidence), true);
                }
                catch (DbUpdateException) when (attempt == 0 && openCase is null)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    private sealed record Target(string Key, Guid? MessageId, Guid? ConversationId, Guid? UserId, IReadOnlyList<EvidenceMessage> Evidence);

    private async Task<Target> FindTargetAsync(MessagingDbContext db, Guid reporterId, FileReport request, CancellationToken cancellationToken)
    {
        if (request.MessageId is { } messageId)
        {
            if (request.UserId is not null)
            {
                throw new MessagingException(ErrorCode.ValidationFailed, "user_id");
            }

            var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
            if (message is null || (request.ConversationId is { } given && given != message.ConversationId))
            {
                throw new MessagingException(ErrorCode.NotFound);
            }

            var membership = await db.RequireMembershipAsync(message.ConversationId, reporterId, cancellationToken);
            if (message.Sequence <= membership.Caller.ClearedThroughSequence || message.Type == MessageType.System)
            {
                throw new MessagingException(ErrorCode.NotFound);
            }

            if (message.IsDeleted)
            {
                throw new MessagingException(ErrorCode.MessageDeleted);
            }

            if (message.SenderId == reporterId)
            {
                throw new MessagingException(ErrorCode.ValidationFailed, "message_id");
            }

            var snapshot = await SnapshotAsync(db, membership, message.Sequence, cancellationToken);
            return new Target($"message:{messageId:N}", messageId, message.ConversationId, message.SenderId, snapshot);
        }

        if (request.ConversationId is { } conversationId)
        {
            if (request.UserId is not null)
            {
                throw new MessagingException(ErrorCode.ValidationFailed, "user_id");
            }

            var membership = await db.RequireMembershipAsync(conversationId, reporterId, cancellationToken);
            var snapshot = await SnapshotAsync(db, membership, long.MaxValue, cancellationToken);
            return new Target($"conversation:{conversationId:N}", null, conversationId, null, snapshot);
        }

        if (request.UserId is { } userId)
        {
            if (userId == reporterId)
            {
                throw new MessagingException(ErrorCode.ValidationFailed, "user_id");
            }

            // A person the reporter can see: in the directory (verified, not suspended), or sharing a conversation with them.
            var now = time.UtcNow();
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
            var shares = user is not null && await db.Participants.AnyAsync(
                p => p.UserId == userId && db.Participants.Any(mine => mine.ConversationId == p.ConversationId && mine.UserId == reporterId && mine.IsActive),
                cancellationToken);
            if (user is null || !(shares || (user.VerificationStatus == VerificationStatus.Verified && !user.IsSuspendedAt(now))))
            {
                throw new MessagingException(ErrorCode.NotFound);
            }

            return new Target($"user:{userId:N}", null, null, userId, []);
        }

        throw new MessagingException(ErrorCode.ValidationFailed, "message_id");
    }

    /// <summary>The message at <paramref name="upToSequence"/> and up to 10 before it that the reporter reads, oldest first.</summary>
    private async Task<IReadOnlyList<EvidenceMessage>> SnapshotAsync(MessagingDbContext db, Membership membership, long upToSequence, CancellationToken cancellationToken)
    {
        var conversation = membership.Conversation;
        var cleared = membership.Caller.ClearedThroughSequence;
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.Sequence <= upToSequence && m.Sequence > cleared && m.Type != MessageType.System)
            .OrderByDescending(m => m.Sequence)
            .Take(Limits.ReportEvidenceBefore + 1)
            .ToListAsync(cancellationToken);
        var names = membership.Members.ToDictionary(m => m.UserId, m => m.Name);
        return rows.OrderBy(m => m.Sequence).Select(m => new EvidenceMessage(
            m.Id,
            m.SenderId,
            names.GetValueOrDefault(m.SenderId, ""),
            m.IsDeleted || !conversation.IsEncrypted
                ? m.Content
                : cipher.TryDecrypt(conversation.WrappedDataKey!, CipherPlace.MessageContent(conversation.Id, m.Id), m.Content) ?? EncryptionText.Unreadable,
            m.SentAt)).ToArray();
    }
}
