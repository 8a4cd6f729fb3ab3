using Hangfire;
using Messaging.Core.Acknowledgements;
using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Mentions;
using Messaging.Core.Notifications;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Retention;

/// <summary>
/// The daily retention run (ADR 0036): in every conversation where retention is on, deletes the messages older than its
/// period, oldest first, a bounded batch at a time, with their files (through the attachment store), reactions,
/// mentions, acknowledgements, edit history, notifications and search rows. Sequences are not renumbered: history simply
/// starts later. A thread root that still has replies inside the period becomes an empty tombstone instead, so the
/// thread stays reachable; it goes once its last reply has gone. Every step is safe to repeat.
/// </summary>
public sealed partial class RetentionJob(
    IDbContextFactory<MessagingDbContext> dbFactory,
    AttachmentBlobs blobs,
    SqliteWriteGate writeGate,
    IEventBus events,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "message-retention";

    /// <summary>Messages read and deleted per round trip: bounded memory and short write transactions.</summary>
    public const int BatchSize = 500;

    /// <summary>The Hangfire recurring job (<c>Messaging:Retention:Cron</c>): once per deployment, not once per node.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => RemoveExpiredAsync(time.UtcNow(), options.Value.Days, cancellationToken);

    /// <summary>Removes what is older than each conversation's period at <paramref name="now"/>; returns how many messages went.</summary>
    /// <param name="defaultDays">The deployment's default (<see cref="RetentionOptions.Days"/>), 0 for none.</param>
    public async Task<int> RemoveExpiredAsync(DateTime now, int defaultDays, CancellationToken cancellationToken = default)
    {
        List<(Guid Id, int Days)> conversations;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Only ids and periods: one small row per conversation, never the messages themselves.
            var rows = await db.Conversations.AsNoTracking()
                .Where(c => c.RetentionDays > 0 || (c.RetentionDays == null && defaultDays > 0))
                .Select(c => new { c.Id, c.RetentionDays })
                .ToListAsync(cancellationToken);
            conversations = rows.Select(r => (r.Id, RetentionPeriods.Effective(r.RetentionDays, defaultDays)!.Value)).ToList();
        }

        var total = 0;
        foreach (var (id, days) in conversations)
        {
            var removed = await RemoveFromConversationAsync(id, now.AddDays(-days), cancellationToken);
            if (removed > 0)
            {
                total += removed;
                LogRemoved(logger, removed, id, days);
            }
        }

        return total;
    }

    /// <summary>Walks one conversation from its oldest message by sequence until it meets one inside the period.</summary>
    private async Task<int> RemoveFromConversationAsync(Guid conversationId, DateTime cutoff, CancellationToken cancellationToken)
    {
        var removed = 0;
        var changed = false;
        long after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var batch = await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.Sequence > after)
                .OrderBy(m => m.Sequence)
                .Take(BatchSize)
                .Select(m => new { m.Id, m.Sequence, m.SentAt, Emptied = m.IsDeleted && m.Content == "" && m.PinnedAt == null && m.SearchText == null })
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            after = batch[^1].Sequence;
            var expired = batch.Where(m => m.SentAt < cutoff).Select(m => m.Id).ToList();
            if (expired.Count > 0)
            {
                var (deleted, emptied) = await RemoveAsync(db, conversationId, expired, batch.Where(m => m.Emptied).Select(m => m.Id).ToHashSet(), cutoff, cancellationToken);
                removed += deleted;
                changed |= deleted + emptied > 0;
            }

            // Sequence order is time order: past the first message inside the period, nothing older follows.
            if (batch.Count < BatchSize || expired.Count < batch.Count)
            {
                break;
            }
        }

        if (changed)
        {
            // List previews and open chats re-read the conversation (its last message may be gone).
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var audience = await db.Participants.Where(p => p.ConversationId == conversationId && p.IsActive).Select(p => p.UserId).ToArrayAsync(cancellationToken);
            await events.PublishAsync(new ConversationChangedEvent(audience, conversationId), cancellationToken);
        }

        return removed;
    }

    private async Task<(int Deleted, int Emptied)> RemoveAsync(
        MessagingDbContext db, Guid conversationId, List<Guid> expired, HashSet<Guid> alreadyEmpty, DateTime cutoff, CancellationToken cancellationToken)
    {
        // Roots whose threads still have replies inside the period stay as empty tombstones, so the replies keep a thread.
        var keptRoots = (await db.Messages
                .Where(r => r.ConversationId == conversationId && r.ThreadId != null && expired.Contains(r.ThreadId.Value) && r.SentAt >= cutoff)
                .Select(r => r.ThreadId!.Value).Distinct().ToListAsync(cancellationToken))
            .ToHashSet();
        var toEmpty = keptRoots.Where(id => !alreadyEmpty.Contains(id)).ToList();
        var toDelete = expired.Where(id => !keptRoots.Contains(id)).ToList();

        // Files first, then rows: a crash in between leaves rows the next run finds again.
        var attachments = await db.Attachments.Where(a => a.MessageId != null && expired.Contains(a.MessageId.Value)).ToListAsync(cancellationToken);
        foreach (var attachment in attachments)
        {
            attachment.ThumbnailKey ??= AttachmentBlobs.ThumbnailKey(attachment.Id);
            await blobs.DeleteAsync(attachment, cancellationToken);
        }

        using var writing = await writeGate.EnterAsync(cancellationToken);
        // Every statement below is safe to repeat, so a retrying strategy may run the whole batch again.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var attachmentIds = attachments.Select(a => a.Id).ToList();
            await db.Attachments.Where(a => attachmentIds.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
            // The bell and the email digest point at these messages: nothing to show any more.
            await db.Set<Notification>().Where(n => n.MessageId != null && expired.Contains(n.MessageId.Value)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<EmailDigestItem>().Where(i => expired.Contains(i.MessageId)).ExecuteDeleteAsync(cancellationToken);
            if (toEmpty.Count > 0)
            {
                // What a tombstone keeps is the row; everything it said or carried goes.
                await db.Reactions.Where(r => toEmpty.Contains(r.MessageId)).ExecuteDeleteAsync(cancellationToken);
                await db.MessageEdits.Where(e => toEmpty.Contains(e.MessageId)).ExecuteDeleteAsync(cancellationToken);
                await db.BlindTokens.Where(t => toEmpty.Contains(t.MessageId)).ExecuteDeleteAsync(cancellationToken);
                await db.Set<MessageMention>().Where(m => toEmpty.Contains(m.MessageId)).ExecuteDeleteAsync(cancellationToken);
                await db.Set<Acknowledgement>().Where(a => toEmpty.Contains(a.MessageId)).ExecuteDeleteAsync(cancellationToken);
                var now = time.UtcNow();
                await db.Messages.Where(m => toEmpty.Contains(m.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Content, "")
                    .SetProperty(m => m.SearchText, (string?)null)
                    .SetProperty(m => m.HasLink, false)
                    .SetProperty(m => m.IsDeleted, true)
                    .SetProperty(m => m.DeletedAt, m => m.DeletedAt ?? now)
                    .SetProperty(m => m.PinnedAt, (DateTime?)null)
                    .SetProperty(m => m.PinnedById, (Guid?)null)
                    .SetProperty(m => m.RequiresAck, false), cancellationToken);
            }

            // Reactions, mentions, acknowledgements, edits and blind-index rows go with the row (cascades); the SQLite
            // full-text rows with it (trigger), PostgreSQL's index by itself.
            var deleted = toDelete.Count == 0 ? 0 : await db.Messages.Where(m => toDelete.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            // The list's preview must not outlive the message it quotes; a removed last message is no longer pointed at.
            await db.Conversations.Where(c => c.Id == conversationId && c.LastMessageId != null && toEmpty.Contains(c.LastMessageId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessagePreview, (string?)null), cancellationToken);
            await db.Conversations.Where(c => c.Id == conversationId && c.LastMessageId != null && toDelete.Contains(c.LastMessageId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessagePreview, (string?)null).SetProperty(c => c.LastMessageId, (Guid?)null), cancellationToken);
            if (keptRoots.Count > 0 && deleted > 0)
            {
                var roots = keptRoots.ToList();
                await db.Messages.Where(m => roots.Contains(m.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReplyCount, m => db.Messages.Count(r => r.ThreadId == m.Id)), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return (deleted, toEmpty.Count);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Count} messages from conversation {ConversationId} (period {Days} days)")]
    private static partial void LogRemoved(ILogger logger, int count, Guid conversationId, int days);
}
