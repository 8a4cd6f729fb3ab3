using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Profiles;

/// <summary>
/// Who may see a person's avatar (docs/adr/0031-avatars-and-profile-cards.md): the person themself; anyone who is an
/// active participant of a conversation the person is active in; anyone either of them has as a contact. Never someone
/// the person has blocked. Everyone else gets 404, as for a person without an avatar, so ids teach nothing.
/// </summary>
internal static class AvatarVisibility
{
    public static async Task<bool> MaySeeAsync(MessagingDbContext db, Guid viewerId, Guid ownerId, CancellationToken cancellationToken)
    {
        if (viewerId == ownerId)
        {
            return true;
        }

        return !await db.Blocks.AnyAsync(b => b.BlockerId == ownerId && b.BlockedId == viewerId, cancellationToken)
               && await KnowsAsync(db, viewerId, ownerId, cancellationToken);
    }

    /// <summary>Shares a conversation (both active) or a contact either way: who may open someone's profile card.</summary>
    public static async Task<bool> KnowsAsync(MessagingDbContext db, Guid viewerId, Guid ownerId, CancellationToken cancellationToken)
    {
        return await db.Contacts.AnyAsync(
                   c => (c.OwnerId == viewerId && c.ContactUserId == ownerId) || (c.OwnerId == ownerId && c.ContactUserId == viewerId),
                   cancellationToken)
               || await db.Participants.AnyAsync(
                   mine => mine.UserId == viewerId && mine.IsActive
                           && db.Participants.Any(theirs => theirs.ConversationId == mine.ConversationId && theirs.UserId == ownerId && theirs.IsActive),
                   cancellationToken);
    }
}
