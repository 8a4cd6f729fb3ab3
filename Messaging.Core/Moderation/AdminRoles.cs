using Messaging.Core.Accounts;
using Messaging.Core.Accounts.Sessions;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Moderation;

/// <summary>
/// Making a person an administrator and taking the role back, audited as <c>role_changed</c> in the same transaction.
/// The product has one role, <see cref="Roles.Admin"/>. There is always at least one administrator: removing the last
/// one (oneself included) is refused with <see cref="ErrorCode.LastAdministrator"/>, also when two administrators remove
/// each other at the same moment (every change bumps the role's concurrency stamp, so the later of two racing changes
/// fails, re-reads and sees it would leave nobody).
/// </summary>
public sealed class AdminRoles(
    IDbContextFactory<MessagingDbContext> dbFactory,
    TimeProvider time,
    SessionHandler sessions,
    SqliteWriteGate writeGate)
{
    /// <summary>Attempts before a change that keeps losing races gives up (each retry re-reads who is an administrator).</summary>
    private const int Attempts = 3;

    /// <summary>Makes <paramref name="userId"/> an administrator; the pages open to them from their next sign-in.</summary>
    public Task<UserAdminView> GrantAsync(Guid adminId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(adminId, userId, grant: true, cancellationToken);

    /// <summary>
    /// Takes the role from <paramref name="userId"/> (oneself too, while another administrator remains). Their sessions end,
    /// so a cookie or token that still says "admin" stops working on every node at once.
    /// </summary>
    public Task<UserAdminView> RevokeAsync(Guid adminId, Guid userId, CancellationToken cancellationToken = default) =>
        ChangeAsync(adminId, userId, grant: false, cancellationToken);

    private async Task<UserAdminView> ChangeAsync(Guid adminId, Guid userId, bool grant, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryChangeAsync(adminId, userId, grant, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Another role change committed first; decide again on what is now true.
            }
        }
    }

    private async Task<UserAdminView> TryChangeAsync(Guid adminId, Guid userId, bool grant, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNow();
        User user;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await UserVerificationHandler.RequireAdminAsync(db, adminId, cancellationToken);
            user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, cancellationToken)
                ?? throw new MessagingException(ErrorCode.NotFound);
            var role = await db.Roles.FirstAsync(r => r.Name == Roles.Admin, cancellationToken);
            var admins = await db.UserRoles.Where(r => r.RoleId == role.Id).Select(r => r.UserId).ToListAsync(cancellationToken);
            var isAdmin = admins.Contains(userId);
            if (grant == isAdmin)
            {
                // Nothing to change: answer the person as they are, without an audit entry for a non-event.
                return UserAdminView.Of(user, now) with { Roles = isAdmin ? [Roles.Admin] : [] };
            }

            if (grant)
            {
                if (!user.IsVerified || user.IsSuspendedAt(now))
                {
                    throw new MessagingException(ErrorCode.AdministratorNotVerified);
                }

                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = userId, RoleId = role.Id });
            }
            else
            {
                if (admins.Count <= 1)
                {
                    throw new MessagingException(ErrorCode.LastAdministrator);
                }

                db.UserRoles.Remove(await db.UserRoles.FirstAsync(r => r.UserId == userId && r.RoleId == role.Id, cancellationToken));
            }

            // The role's concurrency token: of two changes racing, the later one fails here, retries and decides again.
            role.ConcurrencyStamp = Guid.NewGuid().ToString();
            AuditLog.Record(db, adminId, AuditActions.RoleChanged, AuditTargets.User, userId, now, new Dictionary<string, string?>
            {
                ["role"] = Roles.Admin,
                ["change"] = grant ? RoleChanges.Granted : RoleChanges.Removed,
            });
            await db.SaveChangesAsync(cancellationToken);
            if (!grant)
            {
                // A cookie or token issued while they were an administrator still carries the role claim: end them.
                await sessions.EndAllWithinAsync(db, userId, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (!grant)
        {
            await sessions.AnnounceAsync(userId, null, cancellationToken);
        }

        return UserAdminView.Of(user, now) with { Roles = grant ? [Roles.Admin] : [] };
    }
}

/// <summary>The <c>change</c> detail of a <c>role_changed</c> audit entry.</summary>
public static class RoleChanges
{
    public const string Granted = "granted";
    public const string Removed = "removed";
}
