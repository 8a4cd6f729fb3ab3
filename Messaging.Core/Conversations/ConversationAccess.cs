using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Conversations;

internal static class ConversationAccess
{
    /// <summary>
    /// The caller's active membership with its conversation. Anyone else gets <see cref="ErrorCode.NotFound"/>,
    /// exactly as for an id that does not exist, so guessing ids teaches nothing.
    /// </summary>
    public static async Task<Participant> RequireParticipantAsync(
        this MessagingDbContext db, Guid conversationId, Guid userId, CancellationToken cancellationToken)
    {
        var participant = await db.Participants
            .Include(p => p.Conversation)
            .FirstOrDefaultAsync(p => p.ConversationId == conversationId && p.UserId == userId && p.IsActive, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);

        // A member whose verification was withdrawn keeps no access; telling them why leaks nothing they did not know.
        var verified = await db.Users.AnyAsync(u => u.Id == userId && u.VerificationStatus == Accounts.VerificationStatus.Verified, cancellationToken);
        return verified ? participant : throw new MessagingException(ErrorCode.NotVerified);
    }

    public static Conversation Of(this Participant participant) =>
        participant.Conversation ?? throw new InvalidOperationException("Participant loaded without its conversation.");
}
