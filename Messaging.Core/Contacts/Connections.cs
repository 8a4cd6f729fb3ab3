using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Contacts;

/// <summary>The rules for who may bring whom into a conversation: blocks and "allow messages from".</summary>
internal static class Connections
{
    public static async Task EnsureMayContactAsync(this MessagingDbContext db, User actor, User recipient, CancellationToken cancellationToken)
    {
        if (await db.Blocks.AnyAsync(
                b => (b.BlockerId == recipient.Id && b.BlockedId == actor.Id) || (b.BlockerId == actor.Id && b.BlockedId == recipient.Id),
                cancellationToken))
        {
            throw new MessagingException(ErrorCode.Blocked);
        }

        var allowed = recipient.AllowMessagesFrom switch
        {
            AllowMessagesFrom.Anyone => true,
            AllowMessagesFrom.VerifiedOnly => actor.IsVerified,
            _ => await IsConnectionAsync(db, recipient.Id, actor.Id, cancellationToken),
        };
        if (!allowed)
        {
            throw new MessagingException(ErrorCode.RecipientRefusesMessages);
        }
    }

    /// <summary>A contact the owner added, or someone who shares a conversation the owner accepted.</summary>
    public static async Task<bool> IsConnectionAsync(MessagingDbContext db, Guid ownerId, Guid otherId, CancellationToken cancellationToken) =>
        await db.Contacts.AnyAsync(c => c.OwnerId == ownerId && c.ContactUserId == otherId, cancellationToken)
        || await db.Participants.AnyAsync(
            mine => mine.UserId == ownerId && mine.IsActive && mine.AcceptedAt != null
                    && db.Participants.Any(theirs => theirs.ConversationId == mine.ConversationId && theirs.UserId == otherId && theirs.IsActive),
            cancellationToken);
}
