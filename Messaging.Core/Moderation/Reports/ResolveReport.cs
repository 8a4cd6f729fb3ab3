using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Notifications;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Moderation.Reports;

/// <summary>An administrator's decision on a case; <see cref="Until"/> ends a suspension (absent: until lifted).</summary>
public sealed record ResolveReport(string? Action, string? Note, DateTime? Until = null);

/// <summary>
/// Resolves a case (given any of its reports): dismiss it, delete the reported message for everyone (a tombstone that says
/// an administrator removed it), or suspend the reported person. The decision, its audit entries, the tombstone or the
/// suspension and one notification per reporter ("your report was handled", nothing more) commit in one transaction;
/// the live events follow the commit.
/// </summary>
public sealed class ResolveReportHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    ReportQueue queue,
    MessageMapper mapper,
    NotificationsHandler notifications,
    Suspensions suspensions,
    IEventBus events,
    SqliteWriteGate writeGate,
    TimeProvider time)
{
    public async Task<ReportView> HandleAsync(Guid adminId, Guid reportId, ResolveReport request, CancellationToken cancellationToken = default)
    {
        var action = ReportNames.Parse<ReportAction>(request.Action) ?? throw new MessagingException(ErrorCode.ValidationFailed, "action");
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > Limits.MaxReportCommentLength })
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "note");
        }

        var now = time.UtcNow();
        if (request.Until is { } end && end.ToUniversalTime() <= now)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "until");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UserVerificationHandler.RequireAdminAsync(db, adminId, cancellationToken);
        var caseId = await db.Set<Report>().Where(r => r.Id == reportId).Select(r => (Guid?)r.CaseId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);

        Message? removed = null;
        List<Notification> told;
        Report first;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            var reports = await db.Set<Report>().Where(r => r.CaseId == caseId).ToListAsync(cancellationToken);
            first = reports.Single(r => r.Id == caseId);
            if (first.Status == ReportStatus.Resolved)
            {
                throw new MessagingException(ErrorCode.ReportAlreadyResolved);
            }

            switch (action)
            {
                case ReportAction.DeleteMessage:
                    removed = await RemoveMessageAsync(db, adminId, first, now, cancellationToken);
                    break;
                case ReportAction.SuspendUser:
                    await SuspendAsync(db, adminId, first, note, request.Until, now, cancellationToken);
                    break;
            }

            foreach (var report in reports)
            {
                report.Status = ReportStatus.Resolved;
                report.ResolvedAt = now;
                report.ResolvedById = adminId;
                report.Action = action;
                report.Note = note;
                report.OpenCaseKey = null;
            }

            AuditLog.Record(db, adminId, AuditActions.ReportResolved, AuditTargets.Report, caseId, now, new Dictionary<string, string?>
            {
                ["action"] = ReportNames.Of(action),
                ["note"] = note,
                ["reason"] = ReportNames.Of(first.Reason),
                ["reports"] = reports.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

            // Each reporter hears that it was handled, not how: no actor, no message, no preview.
            told = reports.GroupBy(r => r.ReporterId).Select(g => new Notification
            {
                Id = Guid.CreateVersion7(),
                UserId = g.Key,
                Type = NotificationType.ReportHandled,
                ConversationId = Guid.Empty,
                ActorId = Guid.Empty,
                SourceId = g.First().Id,
                CreatedAt = now,
            }).ToList();
            db.Set<Notification>().AddRange(told);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (removed is not null)
        {
            await AnnounceRemovalAsync(db, removed, cancellationToken);
        }

        if (action == ReportAction.SuspendUser)
        {
            await suspensions.AnnounceAsync(first.UserId!.Value, cancellationToken);
        }

        foreach (var view in await notifications.ToViewsAsync(db, told, cancellationToken))
        {
            await events.PublishAsync(new NotificationEvent([told.First(n => n.Id == view.Id).UserId], view), cancellationToken);
        }

        return await queue.DescribeAsync(db, first, cancellationToken);
    }

    private static async Task<Message?> RemoveMessageAsync(MessagingDbContext db, Guid adminId, Report report, DateTime now, CancellationToken cancellationToken)
    {
        if (report.MessageId is not { } messageId)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "action");
        }

        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null || message.IsDeleted)
        {
            // Already gone (its sender deleted it): nothing left to remove; the case still closes.
            return null;
        }

        message.Content = "";
        message.SearchText = null;
        message.HasLink = false;
        message.IsDeleted = true;
        message.DeletedAt = now;
        message.RemovedByAdministrator = true;
        var conversation = await db.Conversations.FirstAsync(c => c.Id == message.ConversationId, cancellationToken);
        if (conversation.LastMessageId == message.Id)
        {
            conversation.LastMessagePreview = null;
        }

        // A tombstone keeps no earlier text either; the report's sealed evidence is the only copy left.
        db.MessageEdits.RemoveRange(await db.MessageEdits.Where(e => e.MessageId == message.Id).ToListAsync(cancellationToken));
        AuditLog.Record(db, adminId, AuditActions.MessageRemoved, AuditTargets.Message, message.Id, now, new Dictionary<string, string?>
        {
            ["report_id"] = report.Id.ToString(),
            ["conversation_id"] = message.ConversationId.ToString(),
        });
        return message;
    }

    private static async Task SuspendAsync(MessagingDbContext db, Guid adminId, Report report, string? note, DateTime? until, DateTime now, CancellationToken cancellationToken)
    {
        if (report.UserId is not { } userId)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "action");
        }

        if (userId == adminId)
        {
            throw new MessagingException(ErrorCode.CannotModerateYourself);
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new MessagingException(ErrorCode.NotFound);
        // The suspended person reads the reason on the explanation page: the administrator's note, else the report's reason.
        Suspensions.Apply(db, adminId, user, note ?? ReportNames.Of(report.Reason), until, now, report.Id);
    }

    private async Task AnnounceRemovalAsync(MessagingDbContext db, Message message, CancellationToken cancellationToken)
    {
        var membership = await db.LoadMembershipAsync(message.ConversationId, message.SenderId, cancellationToken);
        var context = await MessageMapper.WithAttachmentsAsync(db, membership.ReceiptContext(message.SenderId), [message.Id], cancellationToken);
        await events.PublishAsync(new MessageEvent(membership.Audience, MessageEventKind.Deleted, mapper.ToView(message, context)), cancellationToken);
    }
}
