using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Messages;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Forwarding;

/// <summary>What a forward copies: the source's text and its origin (the first message of a chain of forwards).</summary>
internal sealed record ForwardSource(string Content, ForwardedFromView Origin)
{
    /// <summary>
    /// The message <paramref name="callerId"/> wants to forward, if they may read it. Anything they cannot read (an
    /// unknown id, another conversation's message, history they cleared or never had) is <see cref="ErrorCode.NotFound"/>,
    /// whatever the id; only a message they can read answers 403 <see cref="ErrorCode.ForwardFromEncrypted"/>.
    /// </summary>
    public static async Task<ForwardSource> LoadAsync(MessagingDbContext db, Guid callerId, Guid messageId, CancellationToken cancellationToken)
    {
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        // The same answer as for an id that never existed: no field, no hint.
        var membership = (await db.LoadMembershipAsync(message.ConversationId, callerId, cancellationToken)).RequireActive();
        if (message.Sequence <= membership.Caller.ClearedThroughSequence)
        {
            throw new MessagingException(ErrorCode.NotFound);
        }

        // Encrypted conversations promise their members that only they read the text: it never leaves by forwarding.
        if (membership.Conversation.IsEncrypted)
        {
            throw new MessagingException(ErrorCode.ForwardFromEncrypted, "forward_of_message_id");
        }

        if (message.IsDeleted)
        {
            throw new MessagingException(ErrorCode.MessageDeleted, "forward_of_message_id");
        }

        // Only text travels (files stay in their conversation, ADR 0026): a message without words has nothing to forward.
        if (message.Type == MessageType.System || string.IsNullOrWhiteSpace(message.Content))
        {
            throw new MessagingException(ErrorCode.NothingToForward, "forward_of_message_id");
        }

        var origin = message.ForwardedFromMessageId is { } originId
            ? new ForwardedFromView(message.ForwardedFromConversationId!.Value, originId, message.ForwardedFromSenderName ?? "")
            : new ForwardedFromView(message.ConversationId, message.Id, membership.Members.FirstOrDefault(m => m.UserId == message.SenderId)?.Name ?? "");
        return new ForwardSource(message.Content, origin);
    }
}
