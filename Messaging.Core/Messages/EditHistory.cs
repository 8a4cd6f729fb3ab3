using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Messages;

/// <summary>One earlier text of an edited message and when it was replaced.</summary>
public sealed record MessageEditView(string Content, DateTime ReplacedAt);

/// <summary>The earlier texts of a message, oldest first, for any participant who can read the message.</summary>
public sealed class EditHistoryHandler(IDbContextFactory<MessagingDbContext> dbFactory, ConversationCipher cipher)
{
    public async Task<IReadOnlyList<MessageEditView>> GetAsync(Guid actorId, Guid conversationId, Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireMembershipAsync(conversationId, actorId, cancellationToken);
        var visible = await db.Messages.AnyAsync(
            m => m.Id == messageId && m.ConversationId == conversationId && m.Sequence > membership.Caller.ClearedThroughSequence, cancellationToken);
        if (!visible)
        {
            throw new MessagingException(ErrorCode.NotFound);
        }

        var edits = await db.MessageEdits.AsNoTracking()
            .Where(e => e.MessageId == messageId)
            .OrderBy(e => e.ReplacedAt)
            .ToListAsync(cancellationToken);
        var conversation = membership.Conversation;
        return edits
            // An earlier text was encrypted for the message's own place, and stays there in the history.
            .Select(e => new MessageEditView(conversation.IsEncrypted ? cipher.TryDecrypt(conversation.WrappedDataKey!, CipherPlace.MessageContent(conversationId, messageId), e.Content) ?? Resources.EncryptionText.Unreadable : e.Content, e.ReplacedAt))
            .ToArray();
    }
}
