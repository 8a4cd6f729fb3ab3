using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Messages;

/// <summary>
/// Moves a participant's delivered or read pointer forward to a message (never back). Read implies delivered.
/// Others hear about reads only when the reader shares read receipts, and only if they share theirs.
/// </summary>
public sealed class MarkReceiptHandler(IDbContextFactory<MessagingDbContext> dbFactory, IEventBus events, TimeProvider time, SqliteWriteGate writeGate)
{
    public async Task HandleAsync(Guid userId, Guid conversationId, Guid messageId, ReceiptKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The membership read also names the receipt's audience and who shares read receipts.
        var membership = await db.RequireMembershipAsync(conversationId, userId, cancellationToken);
        var participant = membership.Caller;
        var sequence = await db.Messages.Where(m => m.Id == messageId && m.ConversationId == conversationId && m.Sequence > participant.ClearedThroughSequence)
            .Select(m => (long?)m.Sequence).FirstOrDefaultAsync(cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);

        var now = time.UtcNow();
        int moved, delivered;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            // Conditional updates: a stale or concurrent receipt can never move a pointer backwards.
            moved = kind == ReceiptKind.Read
                ? await db.Participants.Where(p => p.ConversationId == conversationId && p.UserId == userId && p.LastReadSequence < sequence)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastReadSequence, sequence).SetProperty(p => p.LastReadAt, now), cancellationToken)
                : 0;
            delivered = await db.Participants.Where(p => p.ConversationId == conversationId && p.UserId == userId && p.LastDeliveredSequence < sequence)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastDeliveredSequence, sequence).SetProperty(p => p.LastDeliveredAt, now), cancellationToken);
        }

        if (moved + delivered == 0)
        {
            return;
        }

        // Only those who may see the reader's activity (accepted on both sides, no block): see ActivityAudience.
        var others = membership.ActivityWatchers;
        var readerShares = membership.Members.First(m => m.UserId == userId).SendsReadReceipts;

        if (moved > 0)
        {
            // The reader's own devices always learn it (unread badges); others only under the reciprocal rule.
            var audience = readerShares ? others.Where(o => o.SendsReadReceipts).Select(o => o.UserId).Append(userId).ToArray() : [userId];
            await events.PublishAsync(new ReceiptEvent(audience, ReceiptKind.Read, conversationId, userId, messageId, sequence, now), cancellationToken);
        }

        if (delivered > 0)
        {
            var audience = others.Select(o => o.UserId).ToArray();
            await events.PublishAsync(new ReceiptEvent(audience, ReceiptKind.Delivered, conversationId, userId, messageId, sequence, now), cancellationToken);
        }
    }
}
