using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Accounts;

public sealed record UserAdminView(Guid UserId, string Email, string Name, VerificationStatus VerificationStatus, DateTime CreatedAt);

/// <summary>Administrators verify or reject accounts; only verified users take part in conversations.</summary>
public sealed class UserVerificationHandler(IDbContextFactory<MessagingDbContext> dbFactory, TimeProvider time, Sessions.SessionHandler sessions)
{
    public async Task<UserAdminView> SetStatusAsync(Guid adminId, Guid userId, VerificationStatus status, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequireAdminAsync(db, adminId, cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new MessagingException(ErrorCode.NotFound);
        user.VerificationStatus = status;
        user.VerifiedAt = status == VerificationStatus.Verified ? time.UtcNow() : null;
        await db.SaveChangesAsync(cancellationToken);
        if (status == VerificationStatus.Verified)
        {
            // Nothing to take away; other nodes and circuits re-read the new state at once.
            await sessions.AnnounceAsync(userId, null, cancellationToken);
        }
        else
        {
            // Access withdrawn: a new security stamp and no session left, on every node (docs/security.md).
            await sessions.EndAllAsync(userId, cancellationToken);
        }

        return ToView(user);
    }

    public async Task<IReadOnlyList<UserAdminView>> ListAsync(Guid adminId, VerificationStatus? status, int? limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequireAdminAsync(db, adminId, cancellationToken);
        var users = db.Users.AsNoTracking();
        if (status is { } s)
        {
            users = users.Where(u => u.VerificationStatus == s);
        }

        var list = await users.OrderBy(u => u.CreatedAt).Take(Limits.Clamp(limit, Limits.DefaultAdminUserPage, Limits.MaxAdminUserPage)).ToListAsync(cancellationToken);
        return list.Select(ToView).ToArray();
    }

    internal static async Task RequireAdminAsync(MessagingDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var isAdmin = await db.UserRoles.Where(r => r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .AnyAsync(name => name == Roles.Admin, cancellationToken);
        if (!isAdmin)
        {
            throw new MessagingException(ErrorCode.NotAllowed);
        }
    }

    private static UserAdminView ToView(User u) => new(u.Id, u.Email ?? "", u.Name, u.VerificationStatus, u.CreatedAt);
}
