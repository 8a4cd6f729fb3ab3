using System.Globalization;
using Messaging.Core.Accounts;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Moderation;

/// <summary>Which people the users list shows; <see cref="Suspended"/> means suspended now.</summary>
public enum AdminUserFilter
{
    Pending,
    Verified,
    Rejected,
    Suspended,
}

public sealed record AdminUserQuery(AdminUserFilter? Status = null, string? Query = null, int? Limit = null, string? Cursor = null);

/// <summary>One page of people; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record AdminUserPage(IReadOnlyList<UserAdminView> Items, string? NextCursor);

/// <summary>
/// The users list of the administration pages, paged and filtered by the database so that it works with any number of
/// accounts (the verification queue is this list filtered to pending, oldest first).
/// </summary>
public sealed class AdminUsers(IDbContextFactory<MessagingDbContext> dbFactory, TimeProvider time, Accounts.Confirmation.EmailConfirmationPolicy confirmation)
{
    public async Task<AdminUserPage> ListAsync(Guid adminId, AdminUserQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UserVerificationHandler.RequireAdminAsync(db, adminId, cancellationToken);
        var now = time.UtcNow();
        var take = Limits.Clamp(query.Limit, Limits.DefaultAdminUserPage, Limits.MaxAdminUserPage);
        var skip = 0;
        if (!string.IsNullOrEmpty(query.Cursor)
            && (!int.TryParse(query.Cursor, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            throw new MessagingException(ErrorCode.ValidationFailed, "cursor");
        }

        var users = db.Users.AsNoTracking();
        // With email confirmation on, an account enters the verification queue once its address is confirmed.
        var confirmedOnly = confirmation.IsRequired;
        users = query.Status switch
        {
            AdminUserFilter.Pending => users.Where(u => u.VerificationStatus == VerificationStatus.Pending && (u.EmailConfirmed || !confirmedOnly)),
            AdminUserFilter.Verified => users.Where(u => u.VerificationStatus == VerificationStatus.Verified),
            AdminUserFilter.Rejected => users.Where(u => u.VerificationStatus == VerificationStatus.Rejected),
            AdminUserFilter.Suspended => users.Where(u => u.SuspendedAt != null && (u.SuspendedUntil == null || u.SuspendedUntil > now)),
            _ => users,
        };
        var text = query.Query?.Trim() ?? "";
        if (text.Length > 0)
        {
            var name = Limits.EscapeLike(Search.TextNormalizer.Normalize(text));
            var email = Limits.EscapeLike(text.ToUpperInvariant());
            users = users.Where(u => EF.Functions.Like(u.NormalizedName, "%" + name + "%", "\\")
                                     || EF.Functions.Like(u.NormalizedEmail!, "%" + email + "%", "\\"));
        }

        // The cursor is a position in a stable order (registration time, then id); one more row tells whether a page follows.
        var rows = await users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(skip).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? (skip + take).ToString(CultureInfo.InvariantCulture) : null;
        var shown = rows.Take(take).ToArray();
        var admins = await AdministratorsAmongAsync(db, shown.Select(u => u.Id).ToArray(), cancellationToken);
        return new AdminUserPage(shown.Select(u => UserAdminView.Of(u, now) with { Roles = admins.Contains(u.Id) ? [Roles.Admin] : [] }).ToArray(), next);
    }

    public async Task<UserAdminView> GetAsync(Guid adminId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await UserVerificationHandler.RequireAdminAsync(db, adminId, cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new MessagingException(ErrorCode.NotFound);
        var admins = await AdministratorsAmongAsync(db, [userId], cancellationToken);
        return UserAdminView.Of(user, time.UtcNow()) with { Roles = admins.Contains(userId) ? [Roles.Admin] : [] };
    }

    /// <summary><paramref name="view"/> with the person's roles, for a use case that answers the person after changing them.</summary>
    internal static async Task<UserAdminView> WithRolesAsync(MessagingDbContext db, UserAdminView view, CancellationToken cancellationToken) =>
        view with { Roles = (await AdministratorsAmongAsync(db, [view.UserId], cancellationToken)).Count > 0 ? [Roles.Admin] : [] };

    /// <summary>Which of <paramref name="ids"/> are administrators (one query for the page).</summary>
    private static async Task<HashSet<Guid>> AdministratorsAmongAsync(MessagingDbContext db, Guid[] ids, CancellationToken cancellationToken) =>
        (await db.UserRoles.Where(r => ids.Contains(r.UserId))
            .Join(db.Roles.Where(r => r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .ToListAsync(cancellationToken)).ToHashSet();
}
