using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Contacts;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Conversations;

internal static class ConversationRules
{
    public static string? ValidateTitle(string? title)
    {
        var trimmed = title?.Trim();
        if (trimmed is { Length: > Limits.MaxTitleLength })
        {
            throw new MessagingException(ErrorCode.TitleTooLong, "title");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>
    /// The users to add, each verified and willing to be contacted by the actor. Unknown and unverified ids get the
    /// same answer, so the call does not reveal which accounts exist.
    /// </summary>
    public static async Task<IReadOnlyList<User>> LoadAddableAsync(
        MessagingDbContext db, User actor, IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).ToListAsync(cancellationToken);
        if (users.Count != userIds.Count || users.Any(u => !u.IsVerified))
        {
            throw new MessagingException(ErrorCode.ParticipantNotVerified, "participant_ids");
        }

        foreach (var user in users)
        {
            await db.EnsureMayContactAsync(actor, user, cancellationToken);
        }

        return users;
    }
}
