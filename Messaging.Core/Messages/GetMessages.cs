using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Messages;

public sealed record GetMessages(
    Guid ConversationId,
    int? Limit = null,
    Guid? BeforeMessageId = null,
    long? AfterSequence = null,
    Guid? ThreadId = null,
    long? BeforeSequence = null);

/// <summary>History newest-first by page, or oldest-first after a sequence (catch-up after a reconnect).</summary>
public sealed class GetMessagesHandler(IDbContextFactory<MessagingDbContext> dbFactory, MessageMapper mapper)
{
    public async Task<IReadOnlyList<MessageView>> HandleAsync(Guid viewerId, GetMessages query, CancellationToken cancellationToken = default)
    {
        var limit = Limits.Clamp(query.Limit, MessageRules.PageSize, Limits.MaxPageSize);
        if (query.AfterSequence is < 0)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "after_sequence");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireMembershipAsync(query.ConversationId, viewerId, cancellationToken);
        var participant = membership.Caller;
        var messages = db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == query.ConversationId && m.Sequence > participant.ClearedThroughSequence);

        if (query.ThreadId is { } threadId)
        {
            messages = messages.Where(m => m.ThreadId == threadId || m.Id == threadId);
        }

        if (query.BeforeMessageId is { } beforeId)
        {
            var before = await db.Messages.Where(m => m.Id == beforeId && m.ConversationId == query.ConversationId)
                .Select(m => (long?)m.Sequence).FirstOrDefaultAsync(cancellationToken)
                ?? throw new MessagingException(ErrorCode.ValidationFailed, "before_message_id");
            messages = messages.Where(m => m.Sequence < before);
        }

        // By sequence, the cursor survives its message being removed (retention deletes the oldest ones).
        if (query.BeforeSequence is { } beforeSequence)
        {
            messages = messages.Where(m => m.Sequence < beforeSequence);
        }

        List<Message> page;
        if (query.AfterSequence is { } after)
        {
            page = await messages.Where(m => m.Sequence > after).OrderBy(m => m.Sequence).Take(limit).ToListAsync(cancellationToken);
        }
        else
        {
            page = await messages.OrderByDescending(m => m.Sequence).Take(limit).ToListAsync(cancellationToken);
        }

        var context = await MessageMapper.WithAttachmentsAsync(db, membership.ReceiptContext(), page.Select(m => m.Id).ToArray(), cancellationToken);
        return page.Select(m => mapper.ToView(m, context)).ToArray();
    }
}
