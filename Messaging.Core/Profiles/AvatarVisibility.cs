using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Profiles;

/// <summary>
/// Who may see a person (docs/adr/0031-avatars-and-profile-cards.md). The avatar: the person themself; anyone active
/// in a conversation the person is active in; anyone the person added to their contacts; never someone the person
/// blocked. Adding someone to one's own contacts does not reveal their picture (anyone can do that to anyone). Everyone
/// else gets 404, as for a person without an avatar, so ids teach nothing.
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
               && (await db.Contacts.AnyAsync(c => c.OwnerId == ownerId && c.ContactUserId == viewerId, cancellationToken)
                   || await SharesConversationAsync(db, viewerId, ownerId, cancellationToken));
    }

    /// <summary>Who may open someone's profile card: sharing a conversation, or a contact either way.</summary>
    public static async Task<bool> KnowsAsync(MessagingDbContext db, Guid viewerId, Guid personId, CancellationToken cancellationToken) =>
        await db.Contacts.AnyAsync(
            c => (c.OwnerId == viewerId && c.ContactUserId == personId) || (c.OwnerId == personId && c.ContactUserId == viewerId),
            cancellationToken)
        || await SharesConversationAsync(db, viewerId, personId, cancellationToken);

    private static Task<bool> SharesConversationAsync(MessagingDbContext db, Guid viewerId, Guid personId, CancellationToken cancellationToken) =>
        db.Participants.AnyAsync(
            mine => mine.UserId == viewerId && mine.IsActive
                    && db.Participants.Any(theirs => theirs.ConversationId == mine.ConversationId && theirs.UserId == personId && theirs.IsActive),
            cancellationToken);
}
