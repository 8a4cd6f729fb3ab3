namespace Messaging.Core.Accounts.Sessions;

/// <summary><c>Messaging:Auth</c>: how long sessions live and how stale a node's view of them may be.</summary>
public sealed class UserSessionOptions
{
    public const string Section = "Messaging:Auth";

    /// <summary>The longest an access token lives; configuration may shorten it, never lengthen it.</summary>
    public static readonly TimeSpan MaxAccessTokenLifetime = TimeSpan.FromMinutes(15);

    /// <summary>Idle lifetime of a refresh token family: each refresh extends it.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Idle lifetime of a cookie session (the cookie slides the same way).</summary>
    public TimeSpan CookieSessionLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long a node trusts what it read about a user's stamp and sessions. The bus event clears it at once; this bounds
    /// the staleness when an event is lost (Redis down), so it stays under the 5 s promise.
    /// </summary>
    public TimeSpan AccessCheckCache { get; set; } = TimeSpan.FromSeconds(2);
}

internal static class SessionLimits
{
    public const int UserAgentLength = 256;
    public const int IpLength = 64;
}
