using Messaging.Core.Common;
using Messaging.Core.Conversations;
using Messaging.Core.Persistence;
using Messaging.Core.Presence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Profiles;

/// <summary>
/// What a profile card shows about a person to one viewer: the avatar only where <see cref="AvatarVisibility"/> allows,
/// presence only where <see cref="ActivityAudience"/> does (null otherwise), and the viewer's own contact and block.
/// </summary>
public sealed record PersonCard(Guid UserId, string Name, string? AvatarUrl, PresenceStatus? Presence, bool IsContact, bool IsBlocked, bool IsMe);

/// <summary>Profile cards: only of people the viewer shares a conversation or a contact with (else not found).</summary>
public sealed class PersonCardHandler(IDbContextFactory<MessagingDbContext> dbFactory, IPresenceReader presence)
{
    public async Task<PersonCard> GetAsync(Guid viewerId, Guid personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.Users.AsNoTracking().Where(u => u.Id == personId)
            .Select(u => new { u.Id, u.Name, u.DeletedAt, u.AvatarUrl, u.AvatarKey })
            .FirstOrDefaultAsync(cancellationToken);
        if (person is null || (viewerId != personId && !await AvatarVisibility.KnowsAsync(db, viewerId, personId, cancellationToken)))
        {
            throw new MessagingException(ErrorCode.NotFound);
        }

        var showAvatar = person.AvatarKey is not null && await AvatarVisibility.MaySeeAsync(db, viewerId, personId, cancellationToken);
        var seesPresence = viewerId == personId
            || await ActivityAudience.VisibleTo(db, viewerId, [personId]).AnyAsync(cancellationToken);
        var isContact = await db.Contacts.AnyAsync(c => c.OwnerId == viewerId && c.ContactUserId == personId, cancellationToken);
        var isBlocked = await db.Blocks.AnyAsync(b => b.BlockerId == viewerId && b.BlockedId == personId, cancellationToken);
        return new PersonCard(
            person.Id, DataRights.DeletedAccount.NameOf(person.Name, person.DeletedAt), showAvatar ? person.AvatarUrl : null, seesPresence ? presence.GetStatus(personId) : null,
            isContact, isBlocked, viewerId == personId);
    }
}
