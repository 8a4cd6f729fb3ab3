using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Mentions;
using Messaging.Core.Operations;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Messaging.Core.Search;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Messages;

public sealed record SendMessage(
    Guid ConversationId,
    string? Content,
    string? Language = null,
    IReadOnlyList<Guid>? Attachments = null,
    Guid? ReplyToMessageId = null,
    Guid? ThreadId = null,
    string? ClientMessageId = null,
    IReadOnlyList<Guid>? Mentions = null,
    bool RequiresAck = false,
    Guid? ForwardOfMessageId = null);

/// <summary>The message and whether this call created it (false: an earlier send with the same client id).</summary>
public sealed record SendMessageResult(MessageView Message, bool Created);

public sealed class SendMessageHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    ConversationCipher cipher,
    MessageMapper mapper,
    IEventBus events,
    TimeProvider time,
    GroupCommit groupCommit,
    SqliteWriteGate writeGate,
    BlindIndex blindIndex,
    CrashPoints crashPoints)
{
    public async Task<SendMessageResult> HandleAsync(Guid senderId, SendMessage command, CancellationToken cancellationToken = default)
    {
        var content = MessageRules.Validate(command);
        var outcome = groupCommit.IsEnabled
            ? await QueueAsync(senderId, command, content, cancellationToken)
            : await WriteAloneAsync(senderId, command, content, cancellationToken);

        var (message, context, created, mentioned) = outcome;
        if (message.Type is MessageType.Image or MessageType.File)
        {
            await using var read = await dbFactory.CreateDbContextAsync(cancellationToken);
            context = await MessageMapper.WithAttachmentsAsync(read, context, [message.Id], cancellationToken);
        }

        var view = mapper.ToView(message, context) with { Mentions = message.IsDeleted ? [] : mentioned };
        if (created)
        {
            MessagingMetrics.MessagesSent.Add(1);
            crashPoints.AfterSendCommitted(command.ClientMessageId);
        }

        // A retry publishes again too: the first attempt may have committed on a node that died before publishing, and
        // nothing else would tell live recipients. Everyone merges new_message by id, so a second event shows nothing twice.
        var audience = context.Pointers.Where(p => p.IsActive).Select(p => p.UserId).ToArray();
        await events.PublishAsync(new MessageEvent(audience, MessageEventKind.New, view), cancellationToken);
        return new SendMessageResult(view, created);
    }

    /// <summary>
    /// Queued to the group-commit writer of its conversation, which writes it with the other queued sends in one
    /// transaction and answers after the commit (ADR 0030 on SQLite, ADR 0038 on PostgreSQL). Membership and blocks
    /// are checked once, inside the write: a refused send rolls back its own savepoint only (reading them a second
    /// time before queueing cost a tenth of the server's CPU under load; docs/performance.md).
    /// </summary>
    private Task<Outcome> QueueAsync(Guid senderId, SendMessage command, string content, CancellationToken cancellationToken) =>
        groupCommit.WriteAsync(command.ConversationId, (db, ct) => WriteAsync(db, senderId, command, content, ct), cancellationToken);

    /// <summary>
    /// Group commit off (<c>Messaging:Database:GroupCommit</c> false): a transaction of its own, behind the write gate
    /// on SQLite; on PostgreSQL the conversation's row lock numbers concurrent sends one by one.
    /// </summary>
    private async Task<Outcome> WriteAloneAsync(Guid senderId, SendMessage command, string content, CancellationToken cancellationToken)
    {
        using var writing = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var written = await WriteAsync(db, senderId, command, content, cancellationToken);
            if (written.Keep)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            return written.Value;
        });
    }

    /// <summary>
    /// The send's reads and writes inside a transaction the caller owns. Not kept (<see cref="Written{T}.Keep"/> false)
    /// when an earlier send with the same client id exists: then the answer is that message and the sequence is undone.
    /// </summary>
    private async Task<Written<Outcome>> WriteAsync(MessagingDbContext db, Guid senderId, SendMessage command, string content, CancellationToken cancellationToken)
    {
        // One read serves the membership check, the block check, un-hiding, the audience and the receipts of the view.
        var membership = (await db.LoadMembershipAsync(command.ConversationId, senderId, cancellationToken))
            .RequireActive()
            .RequireNotBlocked();
        var participant = membership.Caller;
        var conversation = membership.Conversation;

        // The sequence lock comes first, so a retry racing its original always sees it here.
        var sequence = await db.NextSequenceAsync(conversation, cancellationToken);
        if (command.ClientMessageId is not null)
        {
            var earlier = await db.Messages.FirstOrDefaultAsync(
                m => m.ConversationId == conversation.Id && m.SenderId == senderId && m.ClientMessageId == command.ClientMessageId,
                cancellationToken);
            if (earlier is not null)
            {
                var earlierMentions = (await MentionStore.LoadAsync(db, [earlier.Id], cancellationToken)).GetValueOrDefault(earlier.Id, []);
                return new(new(earlier, membership.ReceiptContext(), false, earlierMentions), Keep: false);
            }
        }

        if (command.ReplyToMessageId is { } replyTo
            && !await db.Messages.AnyAsync(m => m.Id == replyTo && m.ConversationId == conversation.Id && m.Sequence > participant.ClearedThroughSequence, cancellationToken))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "reply_to_message_id");
        }

        if (command.ThreadId is { } threadId)
        {
            var root = await db.Messages.FirstOrDefaultAsync(m => m.Id == threadId && m.ConversationId == conversation.Id, cancellationToken);
            if (root is null || root.ThreadId is not null || root.Type == MessageType.System)
            {
                throw new MessagingException(ErrorCode.ValidationFailed, "thread_id");
            }

            root.ReplyCount++;
        }

        // A forward copies the source's text, which the sender must be able to read (404 otherwise, whatever the id).
        var forward = command.ForwardOfMessageId is { } sourceId
            ? await Forwarding.ForwardSource.LoadAsync(db, senderId, sourceId, cancellationToken)
            : null;
        var files = await MessageAttachments.CheckAsync(db, conversation, senderId, command.Attachments, cancellationToken);
        var message = AddRows(db, membership, command, forward?.Content ?? content, files, sequence, time.UtcNow());
        message.RequiresAck = command.RequiresAck;
        if (forward is not null)
        {
            message.ForwardedFromConversationId = forward.Origin.ConversationId;
            message.ForwardedFromMessageId = forward.Origin.MessageId;
            message.ForwardedFromSenderName = forward.Origin.SenderName;
        }

        var mentions = MentionRules.Keep(command.Mentions, senderId, membership.Audience);
        MentionStore.Add(db, message.Id, mentions);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseMigrator.IsUniqueViolation(ex))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "client_message_id");
        }

        await MessageAttachments.ClaimAsync(db, message, command.Attachments, cancellationToken);
        return new(new(message, membership.ReceiptContext(), true, mentions), Keep: true);
    }

    /// <summary>
    /// Every row a send adds or changes, in one place inside the send's transaction: the message, the conversation's
    /// newest-message fields, the sender's pointers, and the conversation brought back for those who hid it.
    /// </summary>
    private Message AddRows(MessagingDbContext db, Membership membership, SendMessage command, string content, (MessageType Type, string Preview) files, long sequence, DateTime now)
    {
        var conversation = membership.Conversation;
        var participant = membership.Caller;
        var messageId = Guid.CreateVersion7();
        var message = new Message
        {
            Id = messageId,
            ConversationId = conversation.Id,
            Sequence = sequence,
            SenderId = membership.CallerId,
            Content = conversation.IsEncrypted ? cipher.Encrypt(conversation.WrappedDataKey!, CipherPlace.MessageContent(conversation.Id, messageId), content) : content,
            SearchText = conversation.IsEncrypted ? null : SearchDocument.For(content),
            HasLink = !conversation.IsEncrypted && LinkDetector.HasLink(content),
            Type = files.Type,
            Language = command.Language,
            ReplyToMessageId = command.ReplyToMessageId,
            ThreadId = command.ThreadId,
            ClientMessageId = command.ClientMessageId,
            SentAt = now,
        };
        if (conversation.IsEncrypted)
        {
            // Encrypted conversations are found through their blind index, written in the send's transaction.
            blindIndex.Add(db, conversation, messageId, content);
        }

        db.Append(conversation, message, content.Length > 0 ? content : files.Preview, cipher);
        Notifications.NotificationOutbox.Add(db, message, membership.Audience);

        // Sending implies having read everything before; a new message brings the conversation back for everyone who hid it.
        participant.LastReadSequence = participant.LastDeliveredSequence = sequence;
        participant.LastReadAt = participant.LastDeliveredAt = now;
        participant.AcceptedAt ??= now;
        if (command.ThreadId is null)
        {
            // What was being written is now sent; the row is saved anyway, so this costs no extra command.
            participant.Draft = null;
            participant.DraftUpdatedAt = null;
        }

        foreach (var member in membership.Members.Where(m => m.Participant.IsHidden))
        {
            member.Participant.IsHidden = false;
        }

        return message;
    }

    private sealed record Outcome(Message Message, MessageMapper.ReceiptContext Context, bool Created, IReadOnlyList<Guid> Mentions);
}
