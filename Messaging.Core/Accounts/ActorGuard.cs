using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Accounts;

internal static class ActorGuard
{
    /// <summary>The acting user, who must exist and be verified to take part in conversations.</summary>
    public static async Task<User> RequireVerifiedAsync(this MessagingDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotAllowed);
        return user.IsVerified ? user : throw new MessagingException(ErrorCode.NotVerified);
    }
}
