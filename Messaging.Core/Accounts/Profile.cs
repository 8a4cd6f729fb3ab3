using Messaging.Core.Attachments;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Messaging.Core.Profiles;
using Microsoft.EntityFrameworkCore;

namespace Messaging.Core.Accounts;

public sealed record ProfileView(
    Guid UserId, string Email, string Name, string? AvatarUrl, string Language, VerificationStatus VerificationStatus, IReadOnlyList<string> Roles);

public sealed record UpdateProfile(string? Name, string? Language, string? AvatarUrl);

public sealed record DirectoryEntry(Guid UserId, string Name, string? AvatarUrl);

/// <summary>A user's own profile, and the directory of verified users for starting conversations.</summary>
public sealed class ProfileHandler(
    IDbContextFactory<MessagingDbContext> dbFactory, TimeProvider time, IAttachmentStore store, ProfileChanges changes)
{
    public async Task<ProfileView> GetAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken)
            ?? throw new MessagingException(ErrorCode.NotFound);
        var roles = await db.UserRoles.Where(r => r.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken);
        return new ProfileView(user.Id, user.Email ?? "", user.Name, user.AvatarUrl, user.Language, user.VerificationStatus, roles);
    }

    public async Task<ProfileView> UpdateAsync(Guid userId, UpdateProfile update, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new MessagingException(ErrorCode.NotFound);
        var before = (user.Name, user.AvatarUrl);
        if (update.Name is not null)
        {
            user.SetName(ProfileRules.ValidateName(update.Name));
        }

        if (update.Language is not null)
        {
            user.Language = ProfileRules.ValidateLanguage(update.Language);
        }

        // Avatars are uploaded (PUT /users/me/avatar); here an empty avatar_url only removes the current one.
        string? removedKey = null;
        if (update.AvatarUrl is not null)
        {
            ProfileRules.RequireAvatarRemoval(update.AvatarUrl);
            removedKey = user.AvatarKey;
            user.AvatarKey = null;
            user.AvatarUrl = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (removedKey is not null)
        {
            await DeleteQuietlyAsync(removedKey);
        }

        if (before != (user.Name, user.AvatarUrl))
        {
            await changes.PublishAsync(userId, cancellationToken);
        }

        return await GetAsync(userId, cancellationToken);
    }

    /// <summary>
    /// The directory, for starting conversations. Names match by word prefix after Arabic/Latin normalization; an
    /// email matches only when typed in full (so nobody can enumerate addresses letter by letter); an empty query
    /// lists nobody (the directory is not a member list); at most <see cref="Limits.MaxDirectoryResults"/> results.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryEntry>> SearchDirectoryAsync(Guid callerId, string? query, int? limit, CancellationToken cancellationToken = default)
    {
        var take = Limits.Clamp(limit, Limits.DefaultDirectoryResults, Limits.MaxDirectoryResults);
        var now = time.UtcNow();
        var term = Search.TextNormalizer.Normalize(query?.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.RequireVerifiedAsync(callerId, cancellationToken);
        if (term.Length == 0)
        {
            return [];
        }

        var escaped = Limits.EscapeLike(term);
        var email = (query?.Trim() ?? "").ToUpperInvariant();
        var blockedMe = db.Blocks.Where(b => b.BlockedId == callerId).Select(b => b.BlockerId);
        return await db.Users.AsNoTracking()
            .Where(u => u.VerificationStatus == VerificationStatus.Verified && u.Id != callerId && !blockedMe.Contains(u.Id))
            .Where(u => u.SuspendedAt == null || (u.SuspendedUntil != null && u.SuspendedUntil <= now))
            .Where(u => EF.Functions.Like(u.NormalizedName, escaped + "%", "\\")
                        || EF.Functions.Like(u.NormalizedName, "% " + escaped + "%", "\\")
                        || u.NormalizedEmail == email)
            .OrderBy(u => u.NormalizedName)
            .Take(take)
            // No avatar in the directory: strangers may not see it (docs/adr/0031-avatars-and-profile-cards.md).
            .Select(u => new DirectoryEntry(u.Id, u.Name, null))
            .ToListAsync(cancellationToken);
    }

    private async Task DeleteQuietlyAsync(string key)
    {
        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Amazon.S3.AmazonS3Exception)
        {
            // The row no longer names it: a stray object is unreachable and harmless.
        }
    }
}
