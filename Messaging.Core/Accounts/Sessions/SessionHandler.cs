using System.Security.Cryptography;
using System.Text;
using Messaging.Core.Common;
using Messaging.Core.Persistence;
using Messaging.Core.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Messaging.Core.Accounts.Sessions;

/// <summary>A session as its owner sees it in the sessions list.</summary>
public sealed record SessionView(Guid SessionId, DateTime CreatedAt, DateTime LastUsedAt, string? UserAgent, string? Ip, bool Current);

/// <summary>A started or refreshed session; <see cref="RefreshToken"/> is the only copy of the token (the database keeps its hash).</summary>
public sealed record IssuedSession(Guid SessionId, Guid UserId, string? RefreshToken);

/// <summary>
/// Sessions and their refresh tokens: start, rotate (single use, reuse ends the family), list and end. Every end
/// publishes <see cref="UserAccessChangedEvent"/> so all nodes drop the session's tokens, connections and circuits.
/// </summary>
public sealed class SessionHandler(
    IDbContextFactory<MessagingDbContext> dbFactory,
    IEventBus events,
    AccessState access,
    TimeProvider time,
    IOptions<UserSessionOptions> options,
    SqliteWriteGate writeGate)
{
    public async Task<IssuedSession> StartAsync(Guid userId, SessionKind kind, string? userAgent, string? ip, CancellationToken cancellationToken = default)
    {
        var now = time.UtcNow();
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Kind = kind,
            CreatedAt = now,
            LastUsedAt = now,
            ExpiresAt = now + (kind == SessionKind.Cookie ? options.Value.CookieSessionLifetime : options.Value.RefreshTokenLifetime),
            UserAgent = Trim(userAgent, SessionLimits.UserAgentLength),
            Ip = Trim(ip, SessionLimits.IpLength),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Sessions.Add(session);
        string? token = null;
        if (kind == SessionKind.Token)
        {
            token = NewToken(db, session.Id, now);
        }

        using (await writeGate.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return new IssuedSession(session.Id, userId, token);
    }

    /// <summary>
    /// Exchanges a refresh token for a new one in the same family. An unknown, expired or ended one answers
    /// <see cref="ErrorCode.InvalidRefreshToken"/>; one already used ends the whole family first (it was stolen, or the
    /// thief already used it).
    /// </summary>
    public async Task<IssuedSession> RefreshAsync(string? refreshToken, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            throw new MessagingException(ErrorCode.InvalidRefreshToken);
        }

        var hash = Hash(refreshToken);
        var now = time.UtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.RefreshTokens.AsNoTracking().Where(t => t.TokenHash == hash)
            .Join(db.Sessions, t => t.SessionId, s => s.Id, (t, s) => new { Token = t, Session = s })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new MessagingException(ErrorCode.InvalidRefreshToken);
        if (!found.Session.IsActiveAt(now))
        {
            throw new MessagingException(ErrorCode.InvalidRefreshToken);
        }

        int claimed;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            // The conditional update is the single-use check: of two racing refreshes with one token, one wins.
            claimed = await db.RefreshTokens.Where(t => t.Id == found.Token.Id && t.UsedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.UsedAt, now), cancellationToken);
            if (claimed == 1)
            {
                var token = NewToken(db, found.Session.Id, now);
                await db.Sessions.Where(s => s.Id == found.Session.Id)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastUsedAt, now).SetProperty(s => s.ExpiresAt, now + options.Value.RefreshTokenLifetime), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                return new IssuedSession(found.Session.Id, found.Session.UserId, token);
            }
        }

        await EndAsync(db, found.Session.UserId, found.Session.Id, cancellationToken);
        throw new MessagingException(ErrorCode.InvalidRefreshToken);
    }

    /// <summary>Ends the session a refresh token belongs to. Unknown tokens are ignored: logout never tells what exists.</summary>
    public async Task LogoutAsync(string? refreshToken, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            return;
        }

        var hash = Hash(refreshToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await db.RefreshTokens.AsNoTracking().Where(t => t.TokenHash == hash)
            .Join(db.Sessions, t => t.SessionId, s => s.Id, (_, s) => s)
            .FirstOrDefaultAsync(cancellationToken);
        if (session is not null)
        {
            await EndAsync(db, session.UserId, session.Id, cancellationToken);
        }
    }

    /// <summary>Ends one of the caller's sessions; someone else's session is <see cref="ErrorCode.NotFound"/>, like an unknown one.</summary>
    public async Task EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNow();
        var exists = await db.Sessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now, cancellationToken);
        if (!exists)
        {
            throw new MessagingException(ErrorCode.NotFound);
        }

        await EndAsync(db, userId, sessionId, cancellationToken);
    }

    /// <summary>Ends one session of the user if it is still going (cookie sign-out); nothing to report otherwise.</summary>
    public async Task EndQuietlyAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await EndAsync(db, userId, sessionId, cancellationToken);
    }

    /// <summary>
    /// Ends every session of the user and replaces their security stamp, so no token, cookie, connection or circuit
    /// issued before survives (sign out everywhere, or an administrator withdrawing access).
    /// </summary>
    public async Task EndAllAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        using (await writeGate.EnterAsync(cancellationToken))
        {
            await EndAllWithinAsync(db, userId, cancellationToken);
        }

        await AnnounceAsync(userId, null, cancellationToken);
    }

    /// <summary>
    /// Ends every session and replaces the stamp on <paramref name="db"/>, inside the caller's transaction and write gate,
    /// so an administrator's action and its audit entry commit with it. The caller announces after commit.
    /// </summary>
    public async Task EndAllWithinAsync(MessagingDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        var stamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, stamp).SetProperty(x => x.ConcurrencyStamp, Guid.NewGuid().ToString()), cancellationToken);
        await db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), cancellationToken);
    }

    /// <summary>Tells every node that the user's access changed (verification, say), without ending anything here.</summary>
    public Task AnnounceAsync(Guid userId, Guid? sessionId, CancellationToken cancellationToken = default)
    {
        access.Forget(userId, sessionId);
        return events.PublishAsync(new UserAccessChangedEvent(userId, sessionId), cancellationToken);
    }

    public async Task<IReadOnlyList<SessionView>> ListAsync(Guid userId, Guid? currentSessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.UtcNow();
        var list = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now)
            .ToListAsync(cancellationToken);
        return list.OrderByDescending(s => s.LastUsedAt)
            .Select(s => new SessionView(s.Id, s.CreatedAt, s.LastUsedAt, s.UserAgent, s.Ip, s.Id == currentSessionId))
            .ToArray();
    }

    private async Task EndAsync(MessagingDbContext db, Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var now = time.UtcNow();
        int ended;
        using (await writeGate.EnterAsync(cancellationToken))
        {
            ended = await db.Sessions.Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), cancellationToken);
        }

        if (ended > 0)
        {
            await AnnounceAsync(userId, sessionId, cancellationToken);
        }
    }

    private static string NewToken(MessagingDbContext db, Guid sessionId, DateTime now)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.RefreshTokens.Add(new RefreshToken { Id = Guid.CreateVersion7(), SessionId = sessionId, TokenHash = Hash(token), CreatedAt = now });
        return token;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Trim(string? value, int length) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= length ? value : value[..length];
}
