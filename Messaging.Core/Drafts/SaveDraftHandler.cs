using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Encryption;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Drafts;

/// <summary>
/// Keeps what a participant is writing in a conversation, so every device and a reload find it again; an empty text
/// removes it. Nobody else ever sees it, so nothing is announced: devices read it when they open the conversation.
/// </summary>
public sealed class SaveDraftHandler(IDbContextFactory<MessagingDbContext> dbFactory, ConversationCipher cipher, TimeProvider time)
{
    public async Task SaveAsync(Guid userId, Guid conversationId, string? content, CancellationToken cancellationToken = default)
    {
        // Same limit as a message: a draft is a message not sent yet.
        if (content is { Length: > Limits.MaxMessageLength })
        {
            throw new MessagingException(ErrorCode.ContentTooLong, "content");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireMembershipAsync(conversationId, userId, cancellationToken);
        var participant = membership.Caller;
        var conversation = membership.Conversation;
        if (string.IsNullOrWhiteSpace(content))
        {
            participant.Draft = null;
            participant.DraftUpdatedAt = null;
        }
        else
        {
            participant.Draft = conversation.IsEncrypted
                ? cipher.Encrypt(conversation.WrappedDataKey!, CipherPlace.Draft(conversation.Id, userId), content)
                : content;
            participant.DraftUpdatedAt = time.UtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The participant's draft in clear, or null (also when it can no longer be opened: better lost than shown garbled).</summary>
    internal static string? Read(ConversationCipher cipher, Conversation conversation, Participant participant) =>
        participant.Draft is null || !conversation.IsEncrypted
            ? participant.Draft
            : cipher.TryDecrypt(conversation.WrappedDataKey!, CipherPlace.Draft(conversation.Id, participant.UserId), participant.Draft);
}
