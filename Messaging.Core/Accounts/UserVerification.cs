using Messaging.Core.Common;
using Messaging.Core.Moderation;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Accounts;

/// <summary>A person as administrators see them in the users list and the verification queue.</summary>
public sealed record UserAdminView(
    Guid UserId,
    string Email,
    string Name,
    VerificationStatus VerificationStatus,
    DateTime CreatedAt,
    bool IsSuspended = false,
    DateTime? SuspendedUntil = null,
    string? SuspensionReason = null)
{
    /// <summary>The person's roles, named as <c>roles</c> of <c>GET /users/me</c> (today only "admin").</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public static UserAdminView Of(User u, DateTime now) =>
        new(u.Id, u.Email ?? "", DataRights.DeletedAccount.NameOf(u.Name, u.DeletedAt), u.VerificationStatus, u.CreatedAt, u.IsSuspendedAt(now),
            u.IsSuspendedAt(now) ? u.SuspendedUntil : null, u.IsSuspendedAt(now) ? u.SuspensionReason : null);
}

/// <summary>
/// Administrators verify, reject or withdraw the verification of accounts; only verified users take part in
/// conversations. Each decision and its audit entry commit together; taking access away also ends every session.
/// </summary>
public sealed class UserVerificationHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    TimeProvider time,
    Sessions.SessionHandler sessions,
    SqliteWriteGate writeGate)
{
    public async Task<UserAdminView> SetStatusAsync(Guid adminId, Guid userId, VerificationStatus status, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequireAdminAsync(db, adminId, cancellationToken);
        // A deleted account is gone for good (ADR 0032): nothing can bring it back into conversations.
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, cancellationToken) ?? throw new MessagingException(ErrorCode.NotFound);
        if (userId == adminId && status != VerificationStatus.Verified)
        {
            throw new MessagingException(ErrorCode.CannotModerateYourself);
        }

        var now = time.UtcNow();
        var action = status switch
        {
            VerificationStatus.Verified => AuditActions.UserVerified,
            VerificationStatus.Rejected => AuditActions.UserRejected,
            _ => AuditActions.VerificationWithdrawn,
        };
        var previous = user.VerificationStatus;
        user.VerificationStatus = status;
        user.VerifiedAt = status == VerificationStatus.Verified ? now : null;
        AuditLog.Record(db, adminId, action, AuditTargets.User, userId, now, new Dictionary<string, string?> { ["previous_status"] = Name(previous) });
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (status != VerificationStatus.Verified)
            {
                // Access withdrawn: a new security stamp and no session left, on every node (docs/security.md).
                await sessions.EndAllWithinAsync(db, userId, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Other nodes and circuits re-read the new state at once.
        await sessions.AnnounceAsync(userId, null, cancellationToken);
        return await AdminUsers.WithRolesAsync(db, UserAdminView.Of(user, now), cancellationToken);
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

    private static string Name(VerificationStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
