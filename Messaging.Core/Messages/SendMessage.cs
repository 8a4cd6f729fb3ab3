using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Contacts;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
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
    string? ClientMessageId = null);

/// <summary>The message and whether this call created it (false: an earlier send with the same client id).</summary>
public sealed record SendMessageResult(MessageView Message, bool Created);

public sealed class SendMessageHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    ConversationCipher cipher,
    MessageMapper mapper,
    IEventBus events,
    TimeProvider time,
    SqliteWriteGate writeGate)
{
    public async Task<SendMessageResult> HandleAsync(Guid senderId, SendMessage command, CancellationToken cancellationToken = default)
    {
        var content = Validate(command);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();

        // Taken before the transaction and released right after it: the reads and the publish below need no write lock.
        var writing = await writeGate.EnterAsync(cancellationToken);
        (Message Message, MessageMapper.ReceiptContext Context, bool Created) outcome;
        try
        {
            outcome = await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

                // One read serves the membership check, the block check, un-hiding, the audience and the receipts of the view.
                var members = await db.Participants
                    .Where(p => p.ConversationId == command.ConversationId)
                    .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new Member(p, u.VerificationStatus, u.Name, u.AvatarUrl, u.SendReadReceipts))
                    .ToListAsync(cancellationToken);
                var sender = members.FirstOrDefault(m => m.Participant.UserId == senderId && m.Participant.IsActive);
                if (sender is null)
                {
                    await db.RequireVerifiedAsync(senderId, cancellationToken);
                    throw new MessagingException(ErrorCode.NotFound);
                }

                if (sender.Status != Accounts.VerificationStatus.Verified)
                {
                    throw new MessagingException(ErrorCode.NotVerified);
                }

                var participant = sender.Participant;
                var conversation = await db.Conversations.SingleAsync(c => c.Id == command.ConversationId, cancellationToken);
                await EnsureNotBlockedAsync(db, conversation, members, senderId, cancellationToken);

                // The sequence lock comes first, so a retry racing its original always sees it here.
                var sequence = await db.NextSequenceAsync(conversation, cancellationToken);
                if (command.ClientMessageId is not null)
                {
                    var earlier = await db.Messages.FirstOrDefaultAsync(
                        m => m.ConversationId == conversation.Id && m.SenderId == senderId && m.ClientMessageId == command.ClientMessageId,
                        cancellationToken);
                    if (earlier is not null)
                    {
                        await transaction.RollbackAsync(cancellationToken);
                        return (earlier, ContextOf(conversation, members, senderId), false);
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

                var now = time.UtcNow();
                var message = new Message
                {
                    Id = Guid.CreateVersion7(),
                    ConversationId = conversation.Id,
                    Sequence = sequence,
                    SenderId = senderId,
                    Content = conversation.IsEncrypted ? cipher.Encrypt(conversation.WrappedDataKey!, content) : content,
                    SearchText = conversation.IsEncrypted ? null : TextNormalizer.Normalize(content),
                    Type = MessageType.Text,
                    Language = command.Language,
                    ReplyToMessageId = command.ReplyToMessageId,
                    ThreadId = command.ThreadId,
                    ClientMessageId = command.ClientMessageId,
                    SentAt = now,
                };
                db.Append(conversation, message, content, cipher);
                Notifications.NotificationOutbox.Add(db, message, members.Where(m => m.Participant.IsActive).Select(m => m.Participant.UserId));

                // Sending implies having read everything before; a new message brings the conversation back for everyone who hid it.
                participant.LastReadSequence = participant.LastDeliveredSequence = sequence;
                participant.LastReadAt = participant.LastDeliveredAt = now;
                participant.AcceptedAt ??= now;
                foreach (var member in members.Where(m => m.Participant.IsHidden))
                {
                    member.Participant.IsHidden = false;
                }

                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException ex) when (DatabaseMigrator.IsUniqueViolation(ex))
                {
                    throw new MessagingException(ErrorCode.ValidationFailed, "client_message_id");
                }

                await transaction.CommitAsync(cancellationToken);
                return (message, ContextOf(conversation, members, senderId), true);
            });
        }
        finally
        {
            writing.Dispose();
        }

        var (message, context, created) = outcome;
        var view = mapper.ToView(message, context);
        if (created)
        {
            var audience = context.Pointers.Where(p => p.IsActive).Select(p => p.UserId).ToArray();
            await events.PublishAsync(new MessageEvent(audience, MessageEventKind.New, view), cancellationToken);
        }

        return new SendMessageResult(view, created);
    }

    private static MessageMapper.ReceiptContext ContextOf(Conversation conversation, List<Member> members, Guid viewerId) =>
        new(
            conversation,
            members.Select(m => new MessageMapper.ReceiptPointer(
                m.Participant.UserId, m.Participant.IsActive, m.Participant.LastReadSequence, m.Participant.LastReadAt,
                m.Participant.LastDeliveredSequence, m.Participant.LastDeliveredAt, m.SendsReadReceipts)).ToArray(),
            members.ToDictionary(m => m.Participant.UserId, m => (m.Name, m.AvatarUrl)),
            members.FirstOrDefault(m => m.Participant.UserId == viewerId)?.SendsReadReceipts ?? true);

    private sealed record Member(Participant Participant, Accounts.VerificationStatus Status, string Name, string? AvatarUrl, bool SendsReadReceipts);

    private static string Validate(SendMessage command)
    {
        var content = command.Content ?? "";
        if (string.IsNullOrWhiteSpace(content))
        {
            throw new MessagingException(ErrorCode.ContentRequired, "content");
        }

        if (content.Length > Limits.MaxMessageLength)
        {
            throw new MessagingException(ErrorCode.ContentTooLong, "content");
        }

        if (command.Attachments is { Count: > 0 })
        {
            // No attachment can exist yet, so every id is unknown.
            throw new MessagingException(ErrorCode.ValidationFailed, "attachments");
        }

        if (command.ClientMessageId is { } clientId && (clientId.Length == 0 || clientId.Length > Limits.MaxClientMessageIdLength))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "client_message_id");
        }

        if (command.Language is { Length: > 16 })
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "language");
        }

        return content;
    }

    private static async Task EnsureNotBlockedAsync(
        MessagingDbContext db, Conversation conversation, List<Member> members, Guid senderId, CancellationToken cancellationToken)
    {
        if (conversation.Type != ConversationType.Direct)
        {
            return;
        }

        var otherId = members.Select(m => m.Participant.UserId).FirstOrDefault(id => id != senderId);
        if (await db.Blocks.AnyAsync(b => (b.BlockerId == otherId && b.BlockedId == senderId) || (b.BlockerId == senderId && b.BlockedId == otherId), cancellationToken))
        {
            throw new MessagingException(ErrorCode.Blocked);
        }
    }
}
