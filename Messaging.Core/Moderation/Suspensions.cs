using System.Globalization;
using Messaging.Core.Accounts;
using Messaging.Core.Accounts.Sessions;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Moderation;

/// <summary>A suspension as the suspended person is told about it.</summary>
public sealed record SuspensionView(string Reason, DateTime? Until);

/// <summary>
/// Suspending and lifting. A suspended person keeps their account, sessions and past messages but is refused everywhere
/// (<see cref="ErrorCode.Suspended"/>); the access event closes their connections and circuits on every node at once.
/// Sessions are not ended on purpose: a token issued before the suspension is answered "suspended", not "signed out".
/// </summary>
public sealed class Suspensions(
    IDbContextFactory<MessagingDbContext> dbFactory,
    TimeProvider time,
    SessionHandler sessions,
    SqliteWriteGate writeGate)
{
    public async Task<UserAdminView> SuspendAsync(Guid adminId, Guid userId, string? reason, DateTime? until, CancellationToken cancellationToken = default)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length == 0 || text.Length > Limits.MaxSuspensionReasonLength)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "reason");
        }

        var now = time.UtcNow();
        if (until is { } end && end.ToUniversalTime() <= now)
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "until");
        }

        if (adminId == userId)
        {
            throw new MessagingException(ErrorCode.CannotModerateYourself);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UserVerificationHandler.RequireAdminAsync(db, adminId, cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new MessagingException(ErrorCode.NotFound);
        Apply(db, adminId, user, text, until, now);
        await SaveAsync(db, cancellationToken);
        await sessions.AnnounceAsync(userId, null, cancellationToken);
        return await AdminUsers.WithRolesAsync(db, UserAdminView.Of(user, now), cancellationToken);
    }

    /// <summary>
    /// Suspends <paramref name="user"/> and records it on <paramref name="db"/>, for a use case that saves it together with
    /// its own change (resolving a report); the caller announces the access change after its commit.
    /// </summary>
    internal static void Apply(MessagingDbContext db, Guid adminId, User user, string reason, DateTime? until, DateTime now, Guid? reportId = null)
    {
        user.SuspendedAt = now;
        user.SuspendedUntil = until?.ToUniversalTime();
        user.SuspensionReason = reason;
        var details = new Dictionary<string, string?>
        {
            ["reason"] = reason,
            ["until"] = user.SuspendedUntil?.ToString("O", CultureInfo.InvariantCulture),
        };
        if (reportId is { } report)
        {
            details["report_id"] = report.ToString();
        }

        AuditLog.Record(db, adminId, AuditActions.UserSuspended, AuditTargets.User, user.Id, now, details);
    }

    /// <summary>Tells every node that the person's access changed, so their connections and circuits close.</summary>
    internal Task AnnounceAsync(Guid userId, CancellationToken cancellationToken) => sessions.AnnounceAsync(userId, null, cancellationToken);

    public async Task<UserAdminView> UnsuspendAsync(Guid adminId, Guid userId, string? note, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UserVerificationHandler.RequireAdminAsync(db, adminId, cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new MessagingException(ErrorCode.NotFound);
        var now = time.UtcNow();
        user.SuspendedAt = null;
        user.SuspendedUntil = null;
        user.SuspensionReason = null;
        AuditLog.Record(db, adminId, AuditActions.UserUnsuspended, AuditTargets.User, userId, now,
            string.IsNullOrWhiteSpace(note) ? null : new Dictionary<string, string?> { ["note"] = note.Trim() });
        await SaveAsync(db, cancellationToken);
        await sessions.AnnounceAsync(userId, null, cancellationToken);
        return await AdminUsers.WithRolesAsync(db, UserAdminView.Of(user, now), cancellationToken);
    }

    /// <summary>Ends every session of the person (tokens, cookies, connections, circuits), audited.</summary>
    public async Task EndSessionsAsync(Guid adminId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UserVerificationHandler.RequireAdminAsync(db, adminId, cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            throw new MessagingException(ErrorCode.NotFound);
        }

        AuditLog.Record(db, adminId, AuditActions.SessionsEnded, AuditTargets.User, userId, time.UtcNow());
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await sessions.EndAllWithinAsync(db, userId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await sessions.AnnounceAsync(userId, null, cancellationToken);
    }

    /// <summary>The person's own suspension, for the explanation page; null when they are not suspended.</summary>
    public async Task<SuspensionView?> GetOwnAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is not null && user.IsSuspendedAt(time.UtcNow()) ? new SuspensionView(user.SuspensionReason ?? "", user.SuspendedUntil) : null;
    }

    private async Task SaveAsync(MessagingDbContext db, CancellationToken cancellationToken)
    {
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
