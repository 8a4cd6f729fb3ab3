namespace Messaging.Core.Accounts.Sessions;

/// <summary>
/// One sign-in of one device: a refresh token family (API) or a sign-in cookie (web). Ending it ends every token and
/// cookie that carries its id (the <c>sid</c> claim), on every node.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public SessionKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastUsedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public string? UserAgent { get; set; }
    public string? Ip { get; set; }
    public DateTime? EndedAt { get; set; }

    public bool IsActiveAt(DateTime now) => EndedAt is null && ExpiresAt > now;
}

public enum SessionKind
{
    /// <summary>Bearer and refresh tokens (the API and the hub).</summary>
    Token,

    /// <summary>The Blazor UI's sign-in cookie.</summary>
    Cookie,
}

/// <summary>
/// A refresh token, stored only as the SHA-256 of its 256 random bits. Single use: <see cref="UsedAt"/> is set when it is
/// exchanged; presenting it again is reuse and ends its whole family (RFC 9700 §4.14).
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; }
    public Guid SessionId { get; set; }
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
