using System.Collections.Concurrent;
using System.Security.Claims;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Accounts.Sessions;

/// <summary>What a node knows about a user's access: their security stamp and whether they are verified.</summary>
public sealed record UserAccess(bool Exists, string? SecurityStamp, bool IsVerified, bool IsSuspended = false)
{
    /// <summary>May use the product now: verified and not suspended.</summary>
    public bool MayTakePart => IsVerified && !IsSuspended;
}

/// <summary>
/// Answers "is this token or cookie still good?" on every request: the user's security stamp must match the one in the
/// principal and the principal's session (<c>sid</c>) must be active. Per-node cache for <see cref="UserSessionOptions.AccessCheckCache"/>
/// at most, cleared at once by <see cref="UserAccessChangedEvent"/> (see AccessRevocation in the web host).
/// A read that began before a <see cref="Forget"/> never writes its answer into the cache afterwards (ADR 0046): it may
/// have read the row before the change was saved, and would otherwise put the old access back for the cache time.
/// </summary>
public sealed class AccessState(
    IDbContextFactory<MessagingDbContext> dbFactory,
    TimeProvider time,
    IOptions<UserSessionOptions> options,
    SqliteWriteGate writeGate)
{
    public const string SessionClaim = "sid";
    public const string SecurityStampClaim = "AspNet.Identity.SecurityStamp";

    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, Cached<UserAccess>> users = new();
    private readonly ConcurrentDictionary<Guid, Cached<SessionState>> sessions = new();

    // Bumped by every Forget; a read stores its answer only if no Forget happened since it began. One counter for all
    // users on purpose: access changes are rare, and a read that loses its cache entry costs one more query later.
    private readonly Lock forgetting = new();
    private long generation;

    public static Guid? SessionOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(SessionClaim), out var id) ? id : null;

    public static Guid? UserOf(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>True when the principal names an existing user with the same security stamp and an active session of theirs.</summary>
    public async ValueTask<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (UserOf(principal) is not { } userId || SessionOf(principal) is not { } sessionId)
        {
            return false;
        }

        var user = await GetUserAsync(userId, cancellationToken);
        return user.Exists
            && string.Equals(user.SecurityStamp, principal.FindFirstValue(SecurityStampClaim), StringComparison.Ordinal)
            && await IsSessionActiveAsync(userId, sessionId, cancellationToken);
    }

    public async ValueTask<UserAccess> GetUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (users.TryGetValue(userId, out var cached) && cached.Until > now)
        {
            return cached.Value;
        }

        var readSince = Interlocked.Read(ref generation);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.VerificationStatus, u.SuspendedAt, u.SuspendedUntil })
            .FirstOrDefaultAsync(cancellationToken);
        // A suspension with an end date lifts itself within the cache time of the end.
        var utc = now.UtcDateTime;
        var suspended = row is not null && row.SuspendedAt is not null && (row.SuspendedUntil is null || row.SuspendedUntil > utc);
        var access = row is null ? new UserAccess(false, null, false) : new UserAccess(true, row.SecurityStamp, row.VerificationStatus == VerificationStatus.Verified, suspended);
        Remember(users, userId, new Cached<UserAccess>(access, now + CacheFor), readSince);
        return access;
    }

    public async ValueTask<bool> IsSessionActiveAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (sessions.TryGetValue(sessionId, out var cached) && cached.Until > now)
        {
            return cached.Value.UserId == userId && cached.Value.Active;
        }

        var readSince = Interlocked.Read(ref generation);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        var utcNow = time.UtcNow();
        var active = session is not null && session.IsActiveAt(utcNow);
        if (session is not null && active && utcNow - session.LastUsedAt >= TouchEvery)
        {
            await TouchAsync(db, session, utcNow, cancellationToken);
        }

        Remember(sessions, sessionId, new Cached<SessionState>(new SessionState(session?.UserId ?? Guid.Empty, active), now + CacheFor), readSince);
        return session?.UserId == userId && active;
    }

    /// <summary>Drops what this node remembers about the user (and one or all of their sessions).</summary>
    public void Forget(Guid userId, Guid? sessionId)
    {
        lock (forgetting)
        {
            Interlocked.Increment(ref generation);
            users.TryRemove(userId, out _);
            if (sessionId is { } one)
            {
                sessions.TryRemove(one, out _);
                return;
            }

            foreach (var entry in sessions)
            {
                if (entry.Value.Value.UserId == userId)
                {
                    sessions.TryRemove(entry.Key, out _);
                }
            }
        }
    }

    /// <summary>Stores a read's answer unless something was forgotten since the read began (it may predate the change).</summary>
    private void Remember<T>(ConcurrentDictionary<Guid, Cached<T>> cache, Guid key, Cached<T> value, long readSince)
    {
        lock (forgetting)
        {
            if (Interlocked.Read(ref generation) == readSince)
            {
                cache[key] = value;
            }
        }
    }

    private TimeSpan CacheFor => options.Value.AccessCheckCache < TimeSpan.FromSeconds(5) ? options.Value.AccessCheckCache : TimeSpan.FromSeconds(5);

    /// <summary>Records use for the sessions list, at most once a minute; a cookie session's idle lifetime slides with it.</summary>
    private async Task TouchAsync(MessagingDbContext db, UserSession session, DateTime now, CancellationToken cancellationToken)
    {
        var expires = session.Kind == SessionKind.Cookie ? now + options.Value.CookieSessionLifetime : session.ExpiresAt;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.Sessions.Where(s => s.Id == session.Id && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastUsedAt, now).SetProperty(s => s.ExpiresAt, expires), cancellationToken);
        }
    }

    private sealed record SessionState(Guid UserId, bool Active);

    private sealed record Cached<T>(T Value, DateTimeOffset Until);
}
